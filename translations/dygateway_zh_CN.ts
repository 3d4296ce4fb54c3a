<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraView</name>
    <message>
        <source>No camera found.
Use the scanner gun, type the code, or paste a screenshot (Ctrl+V).</source>
        <translation>未找到摄像头。
请使用扫码枪、手动输入券码，或粘贴截图（Ctrl+V）。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
</context>
<context>
    <name>DemoCouponPanel</name>
    <message>
        <source>%1
%2 · left: %3</source>
        <extracomment>Demo coupon card: product, price, how many coupons of the order are left</extracomment>
        <translation>%1
%2 · 剩余 %3 张</translation>
    </message>
    <message>
        <source>Demo coupons</source>
        <translation>演示券</translation>
    </message>
    <message>
        <source>Training mode: these coupons live in the built-in Douyin simulator. Scan a QR code with the camera, or click one to simulate a scan.</source>
        <translation>培训模式：这些券来自内置的抖音模拟器。可用摄像头扫描二维码，或点击一张券模拟扫码。</translation>
    </message>
    <message>
        <source>New demo coupon</source>
        <translation>生成新的演示券</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The input is not valid</source>
        <translation>输入无效</translation>
    </message>
    <message>
        <source>A setting has an invalid value</source>
        <translation>某项设置的值无效</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>This conflicts with an earlier request</source>
        <translation>与之前的请求冲突</translation>
    </message>
    <message>
        <source>The local database could not be used</source>
        <translation>本地数据库无法使用</translation>
    </message>
    <message>
        <source>The data was written by a newer version of this program</source>
        <translation>数据由更新版本的程序写入</translation>
    </message>
    <message>
        <source>Stored secrets could not be read</source>
        <translation>无法读取已保存的密钥</translation>
    </message>
    <message>
        <source>Network connection failed</source>
        <translation>网络连接失败</translation>
    </message>
    <message>
        <source>The network did not answer in time</source>
        <translation>网络响应超时</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LAN API: %1</source>
        <translation>局域网接口：%1</translation>
    </message>
    <message>
        <source>LAN API: off</source>
        <translation>局域网接口：未开启</translation>
    </message>
    <message>
        <source>Douyin: not configured</source>
        <translation>抖音：未配置</translation>
    </message>
    <message>
        <source>Douyin token: none yet</source>
        <translation>抖音令牌：尚未获取</translation>
    </message>
    <message>
        <source>Douyin token valid until %1</source>
        <translation>抖音令牌有效至 %1</translation>
    </message>
    <message>
        <source>Checking: %1 · Completing: %2</source>
        <extracomment>Background work: verifications being checked, records being completed</extracomment>
        <translation>确认中：%1 · 补全中：%2</translation>
    </message>
    <message>
        <source>dy-gateway — Douyin coupon verification</source>
        <translation>dy-gateway — 抖音团购券核销</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>流水</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Verifier apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>DEMO</source>
        <extracomment>Badge in the status bar while the app runs against the built-in Douyin simulator</extracomment>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo mode: coupons are verified against the built-in Douyin simulator, never against Douyin.</source>
        <translation>演示模式：券码在内置的抖音模拟器上核销，不会发送到抖音。</translation>
    </message>
</context>
<context>
    <name>OutcomeText</name>
    <message>
        <source>This coupon has already been used.</source>
        <translation>该券已被使用。</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>该券已过期。</translation>
    </message>
    <message>
        <source>This coupon has been refunded.</source>
        <translation>该券已退款。</translation>
    </message>
    <message>
        <source>This coupon cannot be used at this store.</source>
        <translation>该券不能在本门店使用。</translation>
    </message>
    <message>
        <source>No such coupon. Check the code and scan again.</source>
        <translation>券码不存在，请核对后重新扫码。</translation>
    </message>
    <message>
        <source>The scan has timed out. Scan the coupon again.</source>
        <translation>扫码已超时，请重新扫码。</translation>
    </message>
    <message>
        <source>Douyin asks us to slow down. Wait a moment and scan again.</source>
        <translation>抖音提示请求过于频繁，请稍候再扫码。</translation>
    </message>
    <message>
        <source>The Douyin account is not set up correctly. Ask the manager to check the settings.</source>
        <translation>抖音账号配置有误，请联系店长检查设置。</translation>
    </message>
    <message>
        <source>Douyin refused it: %1</source>
        <translation>抖音拒绝核销：%1</translation>
    </message>
    <message>
        <source>Douyin refused it.</source>
        <translation>抖音拒绝核销。</translation>
    </message>
    <message>
        <source>Could not reach Douyin. Nothing was verified; scan again.</source>
        <translation>无法连接抖音，本次未核销，请重新扫码。</translation>
    </message>
    <message>
        <source>Douyin refused this coupon.</source>
        <translation>抖音拒绝了该券。</translation>
    </message>
    <message>
        <source>The network dropped Douyin&apos;s answer. Checking whether the coupon went through — this updates by itself.</source>
        <translation>网络中断，未收到抖音的结果。正在确认是否核销成功，结果会自动更新。</translation>
    </message>
    <message>
        <source>Could not reach Douyin. Nothing was verified; check the network and scan again.</source>
        <translation>无法连接抖音，本次未核销。请检查网络后重新扫码。</translation>
    </message>
    <message>
        <source>Douyin gave an answer we cannot read. Nothing was verified; scan again.</source>
        <translation>抖音返回了无法识别的结果，本次未核销，请重新扫码。</translation>
    </message>
    <message>
        <source>This is not a valid Douyin coupon link.</source>
        <translation>这不是有效的抖音券链接。</translation>
    </message>
    <message>
        <source>Not that many coupons are left on this order.</source>
        <translation>该订单剩余的券不足。</translation>
    </message>
    <message>
        <source>This is not a coupon code.</source>
        <translation>这不是券码。</translation>
    </message>
    <message>
        <source>The Douyin account is not set up yet. Ask the manager to fill in the settings.</source>
        <translation>尚未配置抖音账号，请联系店长填写设置。</translation>
    </message>
    <message>
        <source>This request was already used for another coupon.</source>
        <translation>该请求已用于另一张券。</translation>
    </message>
    <message>
        <source>The record could not be saved, so nothing was sent to Douyin. Check the disk and try again.</source>
        <translation>记录无法保存，未发送到抖音。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>确认中</translation>
    </message>
    <message>
        <source>¥%1</source>
        <extracomment>An amount of money in yuan, e.g. ¥12.30</extracomment>
        <translation>¥%1</translation>
    </message>
</context>
<context>
    <name>PreparePanel</name>
    <message>
        <source>Coupons to use:</source>
        <translation>本次核销张数：</translation>
    </message>
    <message>
        <source>Verify (Enter)</source>
        <translation>核销（回车）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Douyin group-buying coupon</source>
        <translation>抖音团购券</translation>
    </message>
    <message>
        <source>Paid: %1 per coupon</source>
        <translation>实付：每张 %1</translation>
    </message>
    <message>
        <source>Face value: %1</source>
        <translation>面值：%1</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>Coupons of this order that can be used now: %1</source>
        <translation>该订单当前可用券数：%1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>dy-gateway</source>
        <translation>dy-gateway</translation>
    </message>
    <message>
        <source>Part of the gateway could not start:
%1</source>
        <translation>部分网关功能无法启动：
%1</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Ready to scan</source>
        <translation>请扫码</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s coupon QR code, or type the code and press Enter.</source>
        <translation>扫描顾客的券二维码，或输入券码后按回车。</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>✔ Verified</source>
        <extracomment>Big green result after coupons were verified; %1 = how many</extracomment>
        <translation>✔ 核销成功</translation>
    </message>
    <message>
        <source>✔ Verified: %1 coupons</source>
        <translation>✔ 核销成功：%1 张</translation>
    </message>
    <message>
        <source>✘ Not verified</source>
        <translation>✘ 核销失败</translation>
    </message>
    <message>
        <source>⏳ Checking with Douyin…</source>
        <translation>⏳ 正在向抖音确认…</translation>
    </message>
    <message>
        <source>The network dropped Douyin&apos;s answer. This updates by itself; do not scan the coupon again.</source>
        <translation>网络中断，未收到抖音的结果。结果会自动更新，请勿重复扫码。</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Looking up the coupon with Douyin…</source>
        <translation>正在向抖音查询券信息…</translation>
    </message>
    <message>
        <source>Press Enter to verify</source>
        <translation>按回车键核销</translation>
    </message>
    <message>
        <source>Check the product with the customer first. Esc cancels.</source>
        <translation>请先与顾客核对商品。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在核销…</translation>
    </message>
    <message>
        <source>That image cannot be read.</source>
        <translation>无法读取该图片。</translation>
    </message>
    <message>
        <source>Reading the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <source>No QR code found in that image.</source>
        <translation>图片中未找到二维码。</translation>
    </message>
    <message>
        <source>Open a screenshot of the coupon</source>
        <translation>打开券的截图</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>门店：</translation>
    </message>
    <message>
        <source>Cashier:</source>
        <translation>收银员：</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Scan or type the coupon code, then Enter</source>
        <translation>扫码或输入券码后按回车</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图片…</translation>
    </message>
</context>
</TS>
