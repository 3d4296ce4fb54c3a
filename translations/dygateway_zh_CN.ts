<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminTokenSection</name>
    <message>
        <source>Set by DYGW_ADMIN_TOKEN where dy-gateway is started, so it cannot be changed here.</source>
        <translation>由启动 dy-gateway 时的 DYGW_ADMIN_TOKEN 设置，因此无法在此修改。</translation>
    </message>
    <message>
        <source>A new admin token was made when dy-gateway started. Show it once and copy it.</source>
        <translation>dy-gateway 启动时已生成新的管理令牌。请显示一次并复制保存。</translation>
    </message>
    <message>
        <source>If the admin token is lost, make a new one.</source>
        <translation>如果管理令牌丢失，请生成一个新的。</translation>
    </message>
    <message>
        <source>Admin token</source>
        <translation>管理令牌</translation>
    </message>
    <message>
        <source>The admin token was already shown once. Make a new one if it is lost.</source>
        <translation>管理令牌已经显示过一次。如果丢失，请生成新的。</translation>
    </message>
    <message>
        <source>Make a new admin token?</source>
        <translation>要生成新的管理令牌吗？</translation>
    </message>
    <message>
        <source>The current admin token stops working at once. Every tool that uses it must be given the new one.</source>
        <translation>当前的管理令牌将立即失效。所有使用它的工具都需要换成新令牌。</translation>
    </message>
    <message>
        <source>Make a new token</source>
        <translation>生成新令牌</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No new admin token could be made: %1.</source>
        <translation>无法生成新的管理令牌：%1。</translation>
    </message>
    <message>
        <source>New admin token</source>
        <translation>新的管理令牌</translation>
    </message>
    <message>
        <source>Back-office tools send this token to manage apps and read records over the store network. Only a fingerprint of it is kept.</source>
        <translation>后台工具通过店内网络管理应用和读取核销记录时需要使用此令牌。本机只保存它的指纹。</translation>
    </message>
    <message>
        <source>Back-office tools use the admin token to manage apps and read records over the network. Only a fingerprint of it is kept, so it can be shown just once.</source>
        <translation>后台工具使用管理令牌通过网络管理应用和读取核销记录。本机只保存它的指纹，因此令牌只能显示一次。</translation>
    </message>
    <message>
        <source>Show the admin token</source>
        <translation>显示管理令牌</translation>
    </message>
    <message>
        <source>Make a new admin token…</source>
        <translation>生成新的管理令牌…</translation>
    </message>
</context>
<context>
    <name>AppDetailsPanel</name>
    <message>
        <source>Disable app…</source>
        <translation>停用应用…</translation>
    </message>
    <message>
        <source>Enable app</source>
        <translation>启用应用</translation>
    </message>
    <message>
        <source>A disabled app can no longer verify coupons. You can enable it again at any time.</source>
        <translation>停用后，该应用将无法核销券码。之后可随时重新启用。</translation>
    </message>
    <message>
        <source>This app is disabled: its requests are refused until you enable it again.</source>
        <translation>该应用已停用：在重新启用之前，它的请求都会被拒绝。</translation>
    </message>
    <message>
        <source>Selected app</source>
        <translation>所选应用</translation>
    </message>
    <message>
        <source>Click an app in the list to see its details.</source>
        <translation>在列表中点击一个应用即可查看详情。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client Key：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Last used:</source>
        <translation>最近使用：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>May read the Douyin access token</source>
        <translation>允许读取抖音访问令牌</translation>
    </message>
    <message>
        <source>Only for programs that call Douyin themselves. The change applies at once.</source>
        <translation>仅供自行调用抖音接口的程序使用。更改立即生效。</translation>
    </message>
</context>
<context>
    <name>AppsPage</name>
    <message>
        <source>The list of apps could not be loaded.</source>
        <translation>无法加载应用列表。</translation>
    </message>
    <message>
        <source>There is already an app called &quot;%1&quot;. Please choose another name.</source>
        <translation>已有名为“%1”的应用，请换一个名称。</translation>
    </message>
    <message>
        <source>The app could not be created.</source>
        <translation>无法创建应用。</translation>
    </message>
    <message>
        <source>App &quot;%1&quot; created</source>
        <translation>已创建应用“%1”</translation>
    </message>
    <message>
        <source>Enter this client key and client secret in the settings of the device or program that will verify coupons.</source>
        <translation>请把下面的 Client Key 和 Client Secret 填入要核销券码的设备或程序的设置中。</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client Key</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client Secret</translation>
    </message>
    <message>
        <source>Disable app</source>
        <translation>停用应用</translation>
    </message>
    <message>
        <source>Disable &quot;%1&quot;?</source>
        <translation>停用“%1”？</translation>
    </message>
    <message>
        <source>The device or program using this app will no longer be able to verify coupons until you enable it again.</source>
        <translation>使用该应用的设备或程序将无法核销券码，直到您重新启用它。</translation>
    </message>
    <message>
        <source>Keep it active</source>
        <translation>保持启用</translation>
    </message>
    <message>
        <source>The change could not be saved.</source>
        <translation>无法保存此更改。</translation>
    </message>
    <message>
        <source>%1 %2.</source>
        <extracomment>%1 says what failed, %2 why, in general words</extracomment>
        <translation>%1%2。</translation>
    </message>
    <message>
        <source>Verifier apps</source>
        <translation>核销端应用</translation>
    </message>
    <message>
        <source>Other devices and programs in the store (another till, a self-service kiosk, a mini-program server) verify coupons through this computer. Each of them needs its own app here, with its own key and secret.</source>
        <translation>店内的其他设备和程序（另一台收银机、自助核销机、小程序后台）通过这台电脑核销券码。每个设备或程序都需要在这里有一个自己的应用，拥有各自的 Key 和密钥。</translation>
    </message>
    <message>
        <source>+ New app…</source>
        <translation>+ 新建应用…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No apps yet.
Click &quot;New app…&quot; to connect another device or program.</source>
        <translation>还没有应用。
点击“新建应用…”来连接其他设备或程序。</translation>
    </message>
</context>
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
    <name>CancelButton</name>
    <message>
        <source>Cancel (%1 left)</source>
        <translation>撤销 (还剩 %1)</translation>
    </message>
    <message>
        <source>Cancel verification (%1 left)</source>
        <translation>撤销核销 (还剩 %1)</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel the verification</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>One coupon about to be cancelled: product, then the amount the customer paid</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Time left to cancel: %1</source>
        <translation>还可撤销：%1</translation>
    </message>
    <message>
        <source>The coupon goes back to the customer and can be used again; the amount no longer counts for the store.</source>
        <translation>券会退回顾客账户，可以再次使用；这笔金额不再计入本店。</translation>
    </message>
    <message>
        <source>Reason (optional):</source>
        <translation>原因（可不填）：</translation>
    </message>
    <message>
        <source>e.g. wrong coupon scanned, customer changed their mind</source>
        <translation>例如：扫错了券、顾客不要了</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>不撤销</translation>
    </message>
    <message>
        <source>Cancel this verification?</source>
        <translation>撤销这笔核销？</translation>
    </message>
    <message>
        <source>Cancel these %1 verifications?</source>
        <translation>撤销这 %1 笔核销？</translation>
    </message>
</context>
<context>
    <name>CancelText</name>
    <message>
        <source>There is no such verification.</source>
        <translation>没有这笔核销记录。</translation>
    </message>
    <message>
        <source>Another device made this verification; only it can cancel it.</source>
        <translation>这笔核销是另一台设备做的，只有它能撤销。</translation>
    </message>
    <message>
        <source>A cancel of this verification is already under way.</source>
        <translation>这笔核销正在撤销中。</translation>
    </message>
    <message>
        <source>Only a successful verification can be cancelled.</source>
        <translation>只有核销成功的记录才能撤销。</translation>
    </message>
    <message>
        <source>Too late to cancel: %1 allows it only for a short time after the verify.</source>
        <extracomment>%1 is the platform: Douyin, Meituan / Dianping</extracomment>
        <translation>已超过撤销时限：%1只允许在核销后短时间内撤销。</translation>
    </message>
    <message>
        <source>%1 refused to cancel it: %2</source>
        <translation>%1拒绝撤销：%2</translation>
    </message>
    <message>
        <source>%1 refused to cancel it.</source>
        <translation>%1拒绝撤销。</translation>
    </message>
    <message>
        <source>The network dropped %1&apos;s answer. Checking whether the cancel went through — this updates by itself; do not cancel again.</source>
        <translation>网络丢失了%1的回复，正在确认是否已撤销——结果会自动更新，请勿重复撤销。</translation>
    </message>
    <message>
        <source>Could not reach %1. Nothing was cancelled; check the network and try again.</source>
        <translation>无法连接%1，未撤销任何核销；请检查网络后重试。</translation>
    </message>
    <message>
        <source>The %1 account is not set up yet. Ask the manager to fill in the settings.</source>
        <translation>%1账户尚未设置，请店长在设置中填写。</translation>
    </message>
    <message>
        <source>The cancel could not be saved, so nothing was sent to %1. Check the disk and try again.</source>
        <translation>撤销记录无法保存，因此没有发送给%1。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <extracomment>A cancel (撤销核销) has been sent and not answered yet</extracomment>
        <translation>撤销中</translation>
    </message>
    <message>
        <source>Checking the cancel</source>
        <translation>正在确认撤销</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <extracomment>The verification was cancelled (已撤销)</extracomment>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Cancel refused</source>
        <translation>撤销被拒</translation>
    </message>
    <message>
        <source>Not cancelled</source>
        <extracomment>Cancel status of a verification that nobody asked to cancel</extracomment>
        <translation>未撤销</translation>
    </message>
    <message>
        <source>The reason is too long: at most %1 characters.</source>
        <translation>原因太长：最多 %1 个字。</translation>
    </message>
    <message>
        <source>1 minute</source>
        <extracomment>Time left to cancel, e.g. &quot;1 minute&quot;</extracomment>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>CodeInput</name>
    <message>
        <source>Scan or type the coupon code, then Enter</source>
        <translation>扫码或输入券码后按回车</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图片…</translation>
    </message>
</context>
<context>
    <name>CreateAppDialog</name>
    <message>
        <source>New verifier app</source>
        <translation>新建核销端应用</translation>
    </message>
    <message>
        <source>Create one app for each device or program that should verify coupons through this computer, for example &quot;Till 2&quot; or &quot;Self-service kiosk&quot;. It gets its own key and secret.</source>
        <translation>为每台需要通过这台电脑核销券码的设备或程序各创建一个应用，例如“2号收银台”或“自助核销机”。每个应用都有自己的 Key 和密钥。</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>For example: Till 2</source>
        <translation>例如：2号收银台</translation>
    </message>
    <message>
        <source>Allow it to read the Douyin access token</source>
        <translation>允许它读取抖音访问令牌</translation>
    </message>
    <message>
        <source>Only needed by programs that call Douyin themselves. Leave it off if you are not sure.</source>
        <translation>只有自行调用抖音接口的程序才需要。如果不确定，请不要勾选。</translation>
    </message>
    <message>
        <source>Create app</source>
        <translation>创建应用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CsvSaveDialog</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>DateRangePicker</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Custom</source>
        <extracomment>Date range chosen with the two date fields</extracomment>
        <translation>自定义</translation>
    </message>
    <message>
        <source>to</source>
        <extracomment>Between the two dates of a range: &quot;2026-03-01 to 2026-03-11&quot;</extracomment>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>DemoCouponPanel</name>
    <message>
        <source>Demo coupons</source>
        <translation>演示券</translation>
    </message>
    <message>
        <source>New demo coupon</source>
        <translation>生成新的演示券</translation>
    </message>
    <message>
        <source>Coupons of other stores: refused at the selected store</source>
        <translation>其他门店的券：在当前门店核销会被拒绝</translation>
    </message>
    <message>
        <source>Store:</source>
        <extracomment>Demo coupon card, above the store&apos;s name: the selected store</extracomment>
        <translation>门店：</translation>
    </message>
    <message>
        <source>Other store:</source>
        <extracomment>Demo coupon card, above the store&apos;s name: a store other than the selected one</extracomment>
        <translation>其他门店：</translation>
    </message>
    <message>
        <source>%1 · %2
%3 · left: %4
%5
%6</source>
        <extracomment>Demo coupon card: the platform (抖音 / 美团), product, price, how many coupons of the order are left, then the store label and the store&apos;s name</extracomment>
        <translation>%1 · %2
%3 · 剩余 %4 张
%5
%6</translation>
    </message>
    <message>
        <source>Training mode: these coupons live in the built-in coupon simulator. Scan a QR code with the camera, or click one to simulate a scan.</source>
        <translation>培训模式：这些券来自内置的团购券模拟器。可用摄像头扫描二维码，或点击一张券模拟扫码。</translation>
    </message>
</context>
<context>
    <name>DouyinAccountSection</name>
    <message>
        <source>Leave this as it is unless support tells you otherwise.</source>
        <translation>除非技术支持要求，否则请勿修改。</translation>
    </message>
    <message>
        <source>Enter the client key and the client secret first.</source>
        <translation>请先填写 Client Key 和 Client Secret。</translation>
    </message>
    <message>
        <source>The Douyin server address must start with https://, for example https://open.douyin.com</source>
        <translation>抖音服务器地址必须以 https:// 开头，例如 https://open.douyin.com</translation>
    </message>
    <message>
        <source>Connecting to Douyin…</source>
        <translation>正在连接抖音…</translation>
    </message>
    <message>
        <source>Douyin needs the merchant account id (account_id) to list the stores and to read order details. Find it in the Douyin merchant console and enter it here.</source>
        <translation>抖音需要商家账户 ID（account_id）才能列出门店和读取订单详情。请在抖音商家后台找到它并填写在这里。</translation>
    </message>
    <message>
        <source>Signed in to Douyin, but the list of stores could not be read.</source>
        <translation>已登录抖音，但无法读取门店列表。</translation>
    </message>
    <message>
        <source>Could not sign in to Douyin.</source>
        <translation>无法登录抖音。</translation>
    </message>
    <message>
        <source>Connected. Douyin accepted the key and secret, but lists no stores for this account. Check the account id.</source>
        <translation>连接成功。抖音接受了 Key 和密钥，但此账户下没有门店。请检查账户 ID。</translation>
    </message>
    <message numerus="yes">
        <source>Connected. Douyin accepted the key and secret. Stores of this account: %n</source>
        <translation>
            <numerusform>连接成功。抖音接受了 Key 和密钥。此账户的门店数：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>• %1 (store id %2)</source>
        <extracomment>One store in the connection test: name, then Douyin&apos;s store id</extracomment>
        <translation>• %1（门店 ID %2）</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…以及另外 %n 家</numerusform>
        </translation>
    </message>
    <message>
        <source>Douyin account</source>
        <translation>抖音账户</translation>
    </message>
    <message>
        <source>The client key and secret are on your app&apos;s page in the Douyin Open Platform; the account id is your merchant account&apos;s id.</source>
        <translation>Client Key 和 Client Secret 在抖音开放平台的应用详情页中；账户 ID 是您的商家账户 ID。</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client Key</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client Secret</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>Douyin server</source>
        <translation>抖音服务器</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Saved changes here take effect the next time dy-gateway starts. Test them first with &quot;Test connection&quot;.</source>
        <translation>此处保存的更改将在下次启动 dy-gateway 时生效。保存前可先点击“测试连接”检查。</translation>
    </message>
    <message>
        <source>Key that protects the saved secrets: kept in the system keychain</source>
        <extracomment>The master key that encrypts the saved client secret, Meituan sign key and tokens</extracomment>
        <translation>密钥保存在：系统钥匙串</translation>
    </message>
    <message>
        <source>Key that protects the saved secrets: kept in a file (master.key in the data folder; no system keychain, or DYGW_KEY_STORE=file)</source>
        <extracomment>The master key that encrypts the saved client secret, Meituan sign key and tokens</extracomment>
        <translation>密钥保存在：文件（数据目录中的 master.key；没有系统钥匙串，或设置了 DYGW_KEY_STORE=file）</translation>
    </message>
</context>
<context>
    <name>DouyinErrorText</name>
    <message>
        <source>Enter the client key and the client secret first.</source>
        <translation>请先填写 Client Key 和 Client Secret。</translation>
    </message>
    <message>
        <source>Douyin is busy or received too many requests. Wait a minute and try again.</source>
        <translation>抖音繁忙或请求过于频繁。请稍等一分钟后重试。</translation>
    </message>
    <message>
        <source>The Douyin server could not be reached. Check the internet connection and the server address.</source>
        <translation>无法连接抖音服务器。请检查网络连接和服务器地址。</translation>
    </message>
    <message>
        <source>The Douyin server did not answer in time. Check the internet connection and try again.</source>
        <translation>抖音服务器没有及时响应。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The server at this address does not answer like Douyin. Check the server address.</source>
        <translation>此地址的服务器应答不像抖音。请检查服务器地址。</translation>
    </message>
    <message>
        <source>Douyin said: &quot;%1&quot; (code %2)</source>
        <extracomment>%1 is Douyin&apos;s own error text (often Chinese), %2 its error code</extracomment>
        <translation>抖音返回：“%1”（错误码 %2）</translation>
    </message>
    <message>
        <source>Reference for Douyin support: %1</source>
        <translation>联系抖音客服时请提供：%1</translation>
    </message>
    <message>
        <source>Douyin does not know this client key. Check that it was copied completely.</source>
        <translation>抖音不认识这个 Client Key。请检查是否完整复制。</translation>
    </message>
    <message>
        <source>Douyin did not accept the client secret. Check that it was copied completely, without spaces.</source>
        <translation>抖音不接受这个 Client Secret。请检查是否完整复制，且没有多余的空格。</translation>
    </message>
    <message>
        <source>Douyin says the merchant account has not authorised this app. Check the account id and the authorisation in the Douyin console.</source>
        <translation>抖音提示商家账户未授权此应用。请检查账户 ID 以及抖音开放平台中的授权。</translation>
    </message>
    <message>
        <source>This Douyin app may not verify coupons yet. Apply for the capability in the Douyin Open Platform.</source>
        <translation>此抖音应用还没有券码核销能力。请在抖音开放平台申请该能力。</translation>
    </message>
    <message>
        <source>Douyin refused the request.</source>
        <translation>抖音拒绝了请求。</translation>
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
    <name>GatewayChooser</name>
    <message>
        <source>&amp;Gateway:</source>
        <extracomment>Filter: which gateway (till) of a chain made the records</extracomment>
        <translation>网关(&amp;G)：</translation>
    </message>
    <message>
        <source>All gateways</source>
        <translation>全部网关</translation>
    </message>
    <message>
        <source>Show the records of one gateway (till) of the chain</source>
        <translation>只看连锁中某一个网关（收银台）的记录</translation>
    </message>
</context>
<context>
    <name>ImageCodeReader</name>
    <message>
        <source>That image cannot be read.</source>
        <translation>无法读取该图片。</translation>
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
</context>
<context>
    <name>LanApiSection</name>
    <message>
        <source>Every device on the store network</source>
        <translation>店内网络中的所有设备</translation>
    </message>
    <message>
        <source>Only this computer</source>
        <translation>仅限本机</translation>
    </message>
    <message>
        <source>Only the address %1</source>
        <extracomment>A listening address typed into the settings file, e.g. 192.168.1.5</extracomment>
        <translation>仅限地址 %1</translation>
    </message>
    <message>
        <source>Running now at %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>The gateway is starting…</source>
        <translation>网关正在启动…</translation>
    </message>
    <message>
        <source>Not running now.</source>
        <translation>当前未运行。</translation>
    </message>
    <message>
        <source>Service for other devices (LAN API)</source>
        <translation>为其他设备提供服务（局域网 API）</translation>
    </message>
    <message>
        <source>Let other devices in the store verify coupons through this computer</source>
        <translation>允许店内其他设备通过这台电脑核销券码</translation>
    </message>
    <message>
        <source>Who can connect</source>
        <translation>允许谁连接</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>any free port</source>
        <extracomment>Port 0 in the port field: the system picks a free port at each start</extracomment>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Changes here take effect the next time dy-gateway starts.</source>
        <translation>此处的更改将在下次启动 dy-gateway 时生效。</translation>
    </message>
</context>
<context>
    <name>LanguageSection</name>
    <message>
        <source>Changes at once.</source>
        <translation>立即生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Same as this computer</source>
        <translation>跟随系统</translation>
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
        <translation>核销端应用</translation>
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
    <message>
        <source>About dy-gateway</source>
        <translation>关于 dy-gateway</translation>
    </message>
    <message>
        <source>&lt;h3&gt;dy-gateway %1&lt;/h3&gt;&lt;p&gt;Verifies Douyin group-buying coupons at the till, and lets other devices in the store verify through this computer.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;dy-gateway %1&lt;/h3&gt;&lt;p&gt;在收银台核销抖音团购券，并让店内其他设备通过这台电脑核销。&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About dy-gateway</source>
        <translation>关于 dy-gateway(&amp;A)</translation>
    </message>
    <message>
        <source>Reconciliation (%1)</source>
        <extracomment>Tab with yesterday&apos;s number of reconciliation differences</extracomment>
        <translation>对账 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Yesterday has %n difference(s) with the platforms</source>
        <translation>
            <numerusform>昨天与平台有 %n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <extracomment>Tab: 对账, this till&apos;s records against the platforms&apos;</extracomment>
        <translation>对账</translation>
    </message>
</context>
<context>
    <name>MeituanAccountSection</name>
    <message>
        <source>Leave this as it is unless support tells you otherwise.</source>
        <translation>除非技术支持要求，否则请勿修改。</translation>
    </message>
    <message>
        <source>Meituan / Dianping</source>
        <extracomment>Settings section of the Meituan / Dianping (美团/点评) group-buy platform</extracomment>
        <translation>美团/点评</translation>
    </message>
    <message>
        <source>The developer id and sign key are on your developer page in the Meituan open platform. One developer serves every store.</source>
        <translation>开发者 ID 和签名密钥（SignKey）在美团开放平台的开发者页面上。所有门店共用一个开发者。</translation>
    </message>
    <message>
        <source>Developer id</source>
        <translation>开发者 ID</translation>
    </message>
    <message>
        <source>Sign key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Meituan server</source>
        <translation>美团服务器</translation>
    </message>
    <message>
        <source>Saved changes here take effect the next time dy-gateway starts.</source>
        <translation>此处保存的更改将在下次启动 dy-gateway 时生效。</translation>
    </message>
</context>
<context>
    <name>MeituanBindDialog</name>
    <message>
        <source>Binding with Meituan…</source>
        <translation>正在向美团绑定…</translation>
    </message>
    <message>
        <source>Bind %1 to Meituan</source>
        <extracomment>%1 is the store&apos;s name</extracomment>
        <translation>将 %1 绑定到美团</translation>
    </message>
    <message>
        <source>Meituan&apos;s authorization page for %1 has opened in the browser. Sign in there with the store&apos;s Meituan merchant account and agree; Meituan then gives an authorization code. If the page is not on this computer, open this address where the account is signed in:</source>
        <translation>已在浏览器中打开 %1 的美团授权页面。请用门店的美团商家账号登录并同意授权，美团随后会给出授权码。如果该页面不在这台电脑上，请在已登录该账号的设备上打开以下地址：</translation>
    </message>
    <message>
        <source>The browser could not be opened. Open this address in a browser where the Meituan merchant account of %1 is signed in, and agree; Meituan then gives an authorization code:</source>
        <translation>无法打开浏览器。请在已登录 %1 美团商家账号的浏览器中打开以下地址并同意授权，美团随后会给出授权码：</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>&amp;Authorization code from Meituan</source>
        <translation>美团授权码(&amp;A)</translation>
    </message>
    <message>
        <source>A code works once, for 10 minutes.</source>
        <translation>授权码只能使用一次，10 分钟内有效。</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
</context>
<context>
    <name>MeituanErrorText</name>
    <message>
        <source>Meituan said: &quot;%1&quot; (code %2)</source>
        <extracomment>%1 is Meituan&apos;s own message, %2 its error code</extracomment>
        <translation>美团返回：“%1”（错误码 %2）</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <extracomment>Technical detail under an explanation, for support</extracomment>
        <translation>详情：%1</translation>
    </message>
    <message>
        <source>Meituan&apos;s reference for support: %1</source>
        <translation>美团技术支持参考号：%1</translation>
    </message>
    <message>
        <source>Meituan did not accept the signature: the sign key does not belong to this developer id. Check both, save, and start dy-gateway again.</source>
        <translation>美团不接受签名：签名密钥与此开发者 ID 不匹配。请检查两者，保存后重新启动 dy-gateway。</translation>
    </message>
    <message>
        <source>Meituan did not accept the authorization code. Each code works once, for 10 minutes: open Meituan&apos;s page again to get a new one.</source>
        <translation>美团不接受此授权码。授权码只能使用一次，10 分钟内有效：请重新打开美团授权页面获取新的授权码。</translation>
    </message>
    <message>
        <source>Meituan is not set up yet: enter the developer id and the sign key, save, and start dy-gateway again.</source>
        <translation>尚未设置美团：请填写开发者 ID 和签名密钥，保存后重新启动 dy-gateway。</translation>
    </message>
    <message>
        <source>Meituan could not be reached. Check this computer&apos;s internet connection and try again.</source>
        <translation>无法连接美团。请检查这台电脑的网络连接后重试。</translation>
    </message>
    <message>
        <source>Meituan asked for fewer calls. Wait a minute and try again.</source>
        <translation>美团提示调用过于频繁。请稍等一分钟后重试。</translation>
    </message>
    <message>
        <source>Meituan&apos;s answer could not be understood.</source>
        <translation>无法识别美团的应答。</translation>
    </message>
</context>
<context>
    <name>MeituanStoreList</name>
    <message>
        <source>%1 (store id %2)</source>
        <extracomment>A store in the Meituan list: its name, then Douyin&apos;s store id</extracomment>
        <translation>%1（门店 ID %2）</translation>
    </message>
    <message>
        <source>Not bound to Meituan yet.</source>
        <translation>尚未绑定美团。</translation>
    </message>
    <message>
        <source>Bound to Meituan store %1, but its authorization expired at %2. Bind the store again.</source>
        <translation>已绑定美团门店 %1，但授权已于 %2 过期。请重新绑定。</translation>
    </message>
    <message>
        <source>Bound to Meituan store %1 · authorized until %2</source>
        <translation>已绑定美团门店 %1 · 授权有效期至 %2</translation>
    </message>
    <message>
        <source>Renewing the authorization failed at %1: %2. The current one still works until it expires; if this stays, bind the store again.</source>
        <extracomment>%1 is when, %2 Meituan&apos;s answer</extracomment>
        <translation>%1 续期授权失败：%2。当前授权在过期前仍可使用；如果一直失败，请重新绑定门店。</translation>
    </message>
    <message>
        <source>Bind again</source>
        <translation>重新绑定</translation>
    </message>
    <message>
        <source>Bind Meituan store</source>
        <translation>绑定美团门店</translation>
    </message>
    <message>
        <source>To bind stores, enter the developer id and the sign key above, save, and start dy-gateway again.</source>
        <translation>如需绑定门店，请先在上方填写开发者 ID 和签名密钥，保存后重新启动 dy-gateway。</translation>
    </message>
    <message>
        <source>The list of stores comes from the Douyin account and could not be read:</source>
        <translation>门店列表来自抖音账户，目前无法读取：</translation>
    </message>
    <message>
        <source>The Douyin account lists no stores yet.</source>
        <translation>抖音账户下还没有门店。</translation>
    </message>
    <message>
        <source>A store verifies Meituan and Dianping coupons once it is bound to its Meituan store: its manager agrees on Meituan&apos;s page, then pastes the code Meituan gives here.</source>
        <translation>门店绑定美团门店后即可核销美团和大众点评的团购券：店长在美团页面同意授权后，把美团给出的授权码粘贴到这里。</translation>
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
        <source>Not that many coupons are left on this order.</source>
        <translation>该订单剩余的券不足。</translation>
    </message>
    <message>
        <source>This is not a coupon code.</source>
        <translation>这不是券码。</translation>
    </message>
    <message>
        <source>This request was already used for another coupon.</source>
        <translation>该请求已用于另一张券。</translation>
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
    <message>
        <source>This coupon cannot be used yet.</source>
        <translation>此券尚未到可用时间。</translation>
    </message>
    <message>
        <source>%1 asks us to slow down. Wait a moment and scan again.</source>
        <extracomment>%1 is the platform: Douyin, Meituan / Dianping</extracomment>
        <translation>%1要求降低请求频率，请稍等片刻再扫码。</translation>
    </message>
    <message>
        <source>The %1 account is not set up correctly. Ask the manager to check the settings.</source>
        <translation>%1账户设置有误，请店长检查设置。</translation>
    </message>
    <message>
        <source>Could not reach %1. Nothing was verified; scan again.</source>
        <translation>无法连接%1，未核销任何券，请重新扫码。</translation>
    </message>
    <message>
        <source>%1 refused it: %2</source>
        <translation>%1拒绝了：%2</translation>
    </message>
    <message>
        <source>%1 refused it.</source>
        <translation>%1拒绝了此券。</translation>
    </message>
    <message>
        <source>%1 refused this coupon.</source>
        <translation>%1拒绝了此券。</translation>
    </message>
    <message>
        <source>The network dropped %1&apos;s answer. Checking whether the coupon went through — this updates by itself.</source>
        <translation>网络丢失了%1的应答，正在确认此券是否已核销——结果会自动更新。</translation>
    </message>
    <message>
        <source>Could not reach %1. Nothing was verified; check the network and scan again.</source>
        <translation>无法连接%1，未核销任何券，请检查网络后重新扫码。</translation>
    </message>
    <message>
        <source>%1 gave an answer we cannot read. Nothing was verified; scan again.</source>
        <translation>%1的应答无法识别，未核销任何券，请重新扫码。</translation>
    </message>
    <message>
        <source>This is not a valid coupon link.</source>
        <translation>这不是有效的券链接。</translation>
    </message>
    <message>
        <source>The %1 account is not set up yet. Ask the manager to fill in the settings.</source>
        <translation>%1账户尚未设置，请店长在设置中填写。</translation>
    </message>
    <message>
        <source>The record could not be saved, so nothing was sent to %1. Check the disk and try again.</source>
        <translation>记录无法保存，因此未向%1发送任何请求。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>Too late to cancel: %1 no longer allows it.</source>
        <translation>已超过撤销时限：%1不再允许撤销。</translation>
    </message>
    <message>
        <source>This verification has been cancelled already.</source>
        <translation>这笔核销已经撤销过了。</translation>
    </message>
    <message>
        <source>This code is on more than one platform. Choose the platform and scan again.</source>
        <translation>多个平台都有这个券码，请选择平台后重新扫码。</translation>
    </message>
    <message>
        <source>No such coupon on %1. Check the code and scan again.</source>
        <extracomment>%1 lists the platforms asked, e.g. &quot;Douyin / Meituan / Dianping&quot;</extracomment>
        <translation>%1 都没有这张券，请核对券码后重新扫码。</translation>
    </message>
</context>
<context>
    <name>PlatformChoicePanel</name>
    <message>
        <source>This code is on more than one platform. Which app did the customer show it in?</source>
        <translation>多个平台都有这个券码。顾客出示的是哪个 App 里的券？</translation>
    </message>
</context>
<context>
    <name>PlatformToggle</name>
    <message>
        <source>Auto</source>
        <extracomment>The platform toggle beside the code input: the gateway decides (自动)</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <source>Plain codes go to the platform that knows them</source>
        <translation>券码自动交给能识别它的平台</translation>
    </message>
    <message>
        <source>Send the next code to %1 only</source>
        <translation>下一个券码只交给%1</translation>
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
    <message>
        <source>Group-buying coupon</source>
        <translation>团购券</translation>
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
    <name>ReconciliationFilterBar</name>
    <message>
        <source>Day:</source>
        <extracomment>Label of the reconciliation&apos;s day</extracomment>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>门店：</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>All</source>
        <extracomment>Platform filter: both Douyin and Meituan (全部)</extracomment>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>ReconciliationPage</name>
    <message>
        <source>The reconciliation could not be loaded: %1 (%2)</source>
        <extracomment>%1 is the kind of error, %2 the technical detail</extracomment>
        <translation>无法加载对账结果：%1（%2）</translation>
    </message>
    <message>
        <source>A reconciliation is already running. This page refreshes when it ends.</source>
        <translation>已有对账正在进行，结束后本页自动刷新。</translation>
    </message>
    <message>
        <source>The reconciliation could not be started: %1 (%2)</source>
        <translation>无法开始对账：%1（%2）</translation>
    </message>
    <message>
        <source>Reconciling…</source>
        <extracomment>Button: fetch the platforms&apos; records of the day now and compare (立即对账)</extracomment>
        <translation>正在对账…</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>立即对账</translation>
    </message>
    <message>
        <source>Differences: the platforms&apos; records of this day are not fetched yet</source>
        <translation>差异：尚未获取平台当天的记录</translation>
    </message>
    <message>
        <source>No differences</source>
        <translation>没有差异</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still being confirmed, not counted as differences</source>
        <translation>
            <numerusform>%n 笔结果待确认，不计为差异</numerusform>
        </translation>
    </message>
    <message>
        <source>Export reconciliation</source>
        <translation>导出对账</translation>
    </message>
    <message>
        <source>Saved the reconciliation to %1.</source>
        <translation>对账已保存到 %1。</translation>
    </message>
    <message>
        <source>The export failed: %1 (%2)</source>
        <translation>导出失败：%1（%2）</translation>
    </message>
    <message>
        <source>Fetch this day&apos;s records from the platforms now and compare</source>
        <translation>立即从平台获取当天的记录并核对</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the differences and totals as a CSV file (Ctrl+E)</source>
        <translation>将差异和合计保存为 CSV 文件（Ctrl+E）</translation>
    </message>
</context>
<context>
    <name>ReconciliationTableModel</name>
    <message>
        <source>Difference</source>
        <extracomment>Column: the kind of difference (only on the platform, only here, ...)</extracomment>
        <translation>差异</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Verified at</source>
        <extracomment>Column: when the coupon was verified</extracomment>
        <translation>核销时间</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>This till</source>
        <extracomment>Column: this till&apos;s record of the coupon, status and amount (本机)</extracomment>
        <translation>本机</translation>
    </message>
    <message>
        <source>On the platform</source>
        <extracomment>Column: the platform&apos;s record of the coupon, status and amount (平台)</extracomment>
        <translation>平台</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>What happened</source>
        <extracomment>Column: what the difference means, in words</extracomment>
        <translation>说明</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>A side of a difference: its status, then the amount paid</extracomment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ReconciliationText</name>
    <message>
        <source>Not fetched</source>
        <extracomment>Reconciliation state: the platform&apos;s records of the day were never fetched</extracomment>
        <translation>未获取</translation>
    </message>
    <message>
        <source>The day has not ended, the result is incomplete</source>
        <extracomment>Reconciliation state: fetched before the day ended, more may come</extracomment>
        <translation>当天未结束，结果不完整</translation>
    </message>
    <message>
        <source>Complete</source>
        <extracomment>Reconciliation state: fetched after the day ended</extracomment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Fetching the platforms&apos; records…</source>
        <extracomment>A reconciliation fetch is under way</extracomment>
        <translation>正在获取平台记录…</translation>
    </message>
    <message>
        <source>%1 · fetched at %2</source>
        <extracomment>%1 is the reconciliation state, %2 when the platforms&apos; records were fetched</extracomment>
        <translation>%1 · 获取于 %2</translation>
    </message>
    <message>
        <source>Only on platform</source>
        <extracomment>Kind of difference: the platform lists a verification this till has not</extracomment>
        <translation>仅平台有</translation>
    </message>
    <message>
        <source>Only here</source>
        <extracomment>Kind of difference: this till has a success the platform does not list</extracomment>
        <translation>仅本机有</translation>
    </message>
    <message>
        <source>Status differs</source>
        <translation>状态不一致</translation>
    </message>
    <message>
        <source>Amount differs</source>
        <translation>金额不一致</translation>
    </message>
    <message>
        <source>Being confirmed</source>
        <extracomment>A local record whose outcome is still being confirmed</extracomment>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Recorded as a success here, but the platform has no such verification</source>
        <translation>本机记录成功，平台没有这笔核销</translation>
    </message>
    <message>
        <source>Amounts differ: %1 here, %2 on the platform</source>
        <extracomment>%1 the amount this till recorded, %2 the amount the platform lists</extracomment>
        <translation>金额不一致：本机 %1，平台 %2</translation>
    </message>
    <message>
        <source>Outcome being confirmed; reconcile again once it is confirmed</source>
        <translation>结果待确认，确认后再对账</translation>
    </message>
    <message>
        <source>Verified in Meituan Kaidianbao, not through this till</source>
        <translation>在美团开店宝核销，未经本机</translation>
    </message>
    <message>
        <source>Verified in Douyin Laike, not through this till</source>
        <translation>在抖音来客核销，未经本机</translation>
    </message>
    <message>
        <source>Verified and cancelled in Meituan Kaidianbao, not through this till</source>
        <translation>在美团开店宝核销后已撤销，未经本机</translation>
    </message>
    <message>
        <source>Verified and cancelled in Douyin Laike, not through this till</source>
        <translation>在抖音来客核销后已撤销，未经本机</translation>
    </message>
    <message>
        <source>Verified in Meituan Kaidianbao, not through this till, then refunded</source>
        <translation>在美团开店宝核销后已退款，未经本机</translation>
    </message>
    <message>
        <source>Verified in Douyin Laike, not through this till, then refunded</source>
        <translation>在抖音来客核销后已退款，未经本机</translation>
    </message>
    <message>
        <source>Cancelled on the platform, still a success here</source>
        <translation>已在平台撤销，本机仍记为成功</translation>
    </message>
    <message>
        <source>Refunded on the platform, still a success here</source>
        <translation>已在平台退款，本机仍记为成功</translation>
    </message>
    <message>
        <source>Cancelled here, still verified on the platform</source>
        <translation>本机已撤销，平台仍为已核销</translation>
    </message>
    <message>
        <source>Failed here, but verified on the platform</source>
        <translation>本机记为失败，平台却已核销</translation>
    </message>
    <message>
        <source>Status differs: %1 here, %2 on the platform</source>
        <extracomment>%1 the status at this till, %2 the status on the platform</extracomment>
        <translation>状态不一致：本机为%1，平台为%2</translation>
    </message>
    <message>
        <source>Verified</source>
        <extracomment>A coupon&apos;s status on the platform (已核销)</extracomment>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <extracomment>A coupon&apos;s status on the platform: its verification was taken back (已撤销)</extracomment>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Refunded</source>
        <extracomment>A coupon&apos;s status on the platform (已退款)</extracomment>
        <translation>已退款</translation>
    </message>
</context>
<context>
    <name>ReconciliationTotals</name>
    <message>
        <source>This till</source>
        <extracomment>Card: this till&apos;s side of the reconciliation (本机)</extracomment>
        <translation>本机</translation>
    </message>
    <message>
        <source>Platform</source>
        <extracomment>Card: the platforms&apos; side of the reconciliation (平台)</extracomment>
        <translation>平台</translation>
    </message>
    <message>
        <source>Difference (platform − this till)</source>
        <extracomment>Card: the platform&apos;s numbers minus this till&apos;s (差额)</extracomment>
        <translation>差额（平台 − 本机）</translation>
    </message>
    <message>
        <source>Matched</source>
        <extracomment>Card: verifications both sides list alike (相符)</extracomment>
        <translation>相符</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s)</source>
        <extracomment>How many standing verifications a side counts (笔)</extracomment>
        <translation>
            <numerusform>%n 笔</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <extracomment>The two sides agree</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <source>Both sides agree</source>
        <translation>双方一致</translation>
    </message>
    <message>
        <source>%1 verification(s) · %2</source>
        <extracomment>%1 the difference in verifications (+2), %2 how many lines differ</extracomment>
        <translation>%1 笔 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <source>listed alike on both sides</source>
        <extracomment>Under the number of matched verifications</extracomment>
        <translation>双方记录一致</translation>
    </message>
</context>
<context>
    <name>RecordDetailDialog</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>错误码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>失败原因</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Paid by customer</source>
        <translation>顾客实付</translation>
    </message>
    <message>
        <source>Received by store</source>
        <translation>商家实收</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Coupon status</source>
        <translation>券状态</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>核销端</translation>
    </message>
    <message>
        <source>Scanned at</source>
        <translation>扫码时间</translation>
    </message>
    <message>
        <source>Order placed at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>Cashier&apos;s notes</source>
        <translation>收银备注</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>App ID</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>Certificate ID</source>
        <translation>券 ID</translation>
    </message>
    <message>
        <source>Encrypted code</source>
        <translation>加密券码</translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation>商品 ID</translation>
    </message>
    <message>
        <source>Package ID</source>
        <translation>套餐 ID</translation>
    </message>
    <message>
        <source>Times verified</source>
        <translation>核销次数</translation>
    </message>
    <message>
        <source>Verification ID</source>
        <translation>核销 ID</translation>
    </message>
    <message>
        <source>Source order number</source>
        <translation>来源订单号</translation>
    </message>
    <message>
        <source>External order number</source>
        <translation>外部订单号</translation>
    </message>
    <message>
        <source>Order details</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <source>Order detail retries</source>
        <translation>订单详情重试次数</translation>
    </message>
    <message>
        <source>Scanned text</source>
        <translation>扫码内容</translation>
    </message>
    <message>
        <source>Coupon valid until</source>
        <translation>券有效期至</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Headline of a record: status, product, amount paid</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Verification record %1</source>
        <translation>核销记录 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Store name, then its Douyin POI id</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>No answer from the platform yet.</source>
        <extracomment>In place of the platform&apos;s raw answer</extracomment>
        <translation>平台尚未返回结果。</translation>
    </message>
    <message>
        <source>Cancelling the verification…</source>
        <translation>正在撤销核销…</translation>
    </message>
    <message>
        <source>Cancel status</source>
        <extracomment>Row: whether the verification was cancelled (撤销核销)</extracomment>
        <translation>撤销状态</translation>
    </message>
    <message>
        <source>Can be cancelled until</source>
        <translation>可撤销截止</translation>
    </message>
    <message>
        <source>Cancelled at</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>撤销原因</translation>
    </message>
    <message>
        <source>Cancelled by</source>
        <translation>撤销人</translation>
    </message>
    <message>
        <source>Cancel error code</source>
        <translation>撤销错误码</translation>
    </message>
    <message>
        <source>Why the cancel was refused</source>
        <translation>撤销被拒原因</translation>
    </message>
    <message>
        <source>%1&apos;s answer, as received</source>
        <extracomment>Title of the raw answer pane; %1 is the platform&apos;s short name (Douyin, Meituan)</extracomment>
        <translation>%1原始应答</translation>
    </message>
    <message>
        <source>Verified at (platform&apos;s time)</source>
        <translation>核销时间（平台）</translation>
    </message>
    <message>
        <source>Platform&apos;s log ID</source>
        <translation>平台日志 ID</translation>
    </message>
    <message>
        <source>Settlement</source>
        <extracomment>Row: whether the platform has settled the verification (待结算 / 已结算)</extracomment>
        <translation>结算状态</translation>
    </message>
    <message>
        <source>Commission</source>
        <extracomment>Row: the platform&apos;s commission on the verification (佣金)</extracomment>
        <translation>佣金</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>结算时间</translation>
    </message>
    <message>
        <source>Gateway</source>
        <extracomment>Row: chain mode, the gateway (computer) that made the record</extracomment>
        <translation>网关</translation>
    </message>
    <message>
        <source>Print slip</source>
        <extracomment>Button: print the verification slip (打印凭证) of this record again</extracomment>
        <translation>打印凭证</translation>
    </message>
</context>
<context>
    <name>RecordFilterBar</name>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>门店：</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Verified by:</source>
        <extracomment>Filter: which till or LAN device verified</extracomment>
        <translation>核销端：</translation>
    </message>
    <message>
        <source>Scan or type a coupon code, order number or certificate ID</source>
        <translation>扫码或输入券码、订单号或券 ID</translation>
    </message>
    <message>
        <source>Finds exact codes and numbers (Ctrl+F)</source>
        <translation>精确查找券码和单号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Platform:</source>
        <extracomment>Filter: the coupon&apos;s platform (抖音 / 美团)</extracomment>
        <translation>平台：</translation>
    </message>
</context>
<context>
    <name>RecordText</name>
    <message>
        <source>Sending</source>
        <extracomment>Verification sent to Douyin, answer not in yet</extracomment>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Success</source>
        <extracomment>Verification status</extracomment>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>Verification status</extracomment>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checking</source>
        <extracomment>Verification status: the answer was lost and the gateway is checking with Douyin</extracomment>
        <translation>确认中</translation>
    </message>
    <message>
        <source>Fetching order details</source>
        <extracomment>Order details are still being fetched from Douyin</extracomment>
        <translation>正在获取订单详情</translation>
    </message>
    <message>
        <source>Order details complete</source>
        <translation>订单详情已补全</translation>
    </message>
    <message>
        <source>Order details unavailable</source>
        <translation>订单详情获取失败</translation>
    </message>
    <message>
        <source>Not needed</source>
        <extracomment>No order number, so no order details to fetch</extracomment>
        <translation>无需补全</translation>
    </message>
    <message>
        <source>Paid, not used</source>
        <extracomment>Order status</extracomment>
        <translation>已支付未使用</translation>
    </message>
    <message>
        <source>Partly used</source>
        <extracomment>Order status: some of the order&apos;s coupons are used</extracomment>
        <translation>部分使用</translation>
    </message>
    <message>
        <source>Used</source>
        <extracomment>Order status</extracomment>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Refunded</source>
        <extracomment>Order status
----------
Coupon status</extracomment>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Status %1</source>
        <extracomment>An order status this program does not know; %1 is the platform&apos;s number</extracomment>
        <translation>状态 %1</translation>
    </message>
    <message>
        <source>Not used yet</source>
        <extracomment>Coupon status</extracomment>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Verified</source>
        <extracomment>Coupon status</extracomment>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Expired</source>
        <extracomment>Coupon status</extracomment>
        <translation>已过期</translation>
    </message>
    <message>
        <source>This till</source>
        <extracomment>The built-in verifier app: verifications made at this till</extracomment>
        <translation>前台收银</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Meituan / Dianping</source>
        <translation>美团/点评</translation>
    </message>
    <message>
        <source>Douyin</source>
        <comment>short</comment>
        <extracomment>The platform&apos;s short name on badges (抖音)</extracomment>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Meituan</source>
        <comment>short</comment>
        <extracomment>The platform&apos;s short name on badges (美团; Dianping coupons too)</extracomment>
        <translation>美团</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>One entry of a record&apos;s extra information: key, then value</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Pending settlement</source>
        <extracomment>Settlement status: the platform has not yet stated what the store receives (待结算)</extracomment>
        <translation>待结算</translation>
    </message>
    <message>
        <source>Settled</source>
        <extracomment>Settlement status (已结算)</extracomment>
        <translation>已结算</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Saved to %1. Records: %2.</source>
        <translation>已保存到 %1，共 %2 条记录。</translation>
    </message>
    <message>
        <source>The export failed: %1 (%2)</source>
        <extracomment>%1 is the kind of error, %2 the technical detail</extracomment>
        <translation>导出失败：%1（%2）</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No records match.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>Records: %1 · showing the newest %2, scroll down for more</source>
        <extracomment>%2 rows loaded so far; more load when the list is scrolled down</extracomment>
        <translation>共 %1 条 · 已显示最新的 %2 条，向下滚动查看更多</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>The records could not be loaded: %1 (%2)</source>
        <extracomment>%1 is the kind of error, %2 the technical detail</extracomment>
        <translation>无法加载流水：%1（%2）</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>导出流水</translation>
    </message>
    <message>
        <source>Exporting records to %1…</source>
        <translation>正在导出流水到 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting records… %1 of %2</source>
        <extracomment>Progress of a CSV export: records written so far, of all that match</extracomment>
        <translation>正在导出流水… %1 / %2</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Every field of the selected record (Enter)</source>
        <translation>查看所选记录的全部字段（回车）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save every record the filters match as a CSV file (Ctrl+E)</source>
        <translation>将符合筛选条件的全部记录保存为 CSV 文件（Ctrl+E）</translation>
    </message>
    <message>
        <source>New records — show them</source>
        <translation>有新记录 — 点击显示</translation>
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
        <source>↩ Cancelled</source>
        <extracomment>Big result after a verification was cancelled (已撤销); %1 = how many coupons</extracomment>
        <translation>↩ 已撤销</translation>
    </message>
    <message>
        <source>↩ Cancelled: %1 coupons</source>
        <translation>↩ 已撤销：%1 张券</translation>
    </message>
    <message>
        <source>Confirming the cancel…</source>
        <translation>正在确认撤销结果…</translation>
    </message>
    <message>
        <source>✘ Not cancelled</source>
        <translation>✘ 未撤销</translation>
    </message>
    <message>
        <source>The coupon is back in the customer&apos;s account and can be used again.</source>
        <translation>券已退回顾客账户，可以再次使用。</translation>
    </message>
    <message>
        <source>These coupons of the verification were cancelled before it:</source>
        <translation>这次核销中以下券已先撤销：</translation>
    </message>
    <message>
        <source>⏳ Checking with %1…</source>
        <extracomment>%1 is the platform: Douyin, Meituan / Dianping</extracomment>
        <translation>⏳ 正在向%1确认…</translation>
    </message>
    <message>
        <source>The network dropped %1&apos;s answer. This updates by itself; do not scan the coupon again.</source>
        <translation>网络中断，未收到%1的结果。结果会自动更新，请勿重复扫码。</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>This is the only time it is shown. Copy it now and keep it somewhere safe: after you close this window it cannot be shown again.</source>
        <translation>这是唯一一次显示。请立即复制并妥善保存：关闭此窗口后将无法再次查看。</translation>
    </message>
    <message>
        <source>I have copied it, close</source>
        <translation>我已复制，关闭</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <extracomment>Button feedback after copying a value to the clipboard</extracomment>
        <translation>已复制 ✓</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>The Douyin server address must start with https://, for example https://open.douyin.com</source>
        <translation>抖音服务器地址必须以 https:// 开头，例如 https://open.douyin.com</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1.</source>
        <translation>无法保存设置：%1。</translation>
    </message>
    <message>
        <source>Saved. The changes apply when dy-gateway is started again.</source>
        <translation>已保存。重新启动 dy-gateway 后生效。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The language could not be saved: %1.</source>
        <translation>无法保存语言设置：%1。</translation>
    </message>
    <message>
        <source>The sound settings could not be saved: %1.</source>
        <translation>无法保存声音设置：%1。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The Meituan server address must start with https://, for example https://api-open-cater.meituan.com</source>
        <translation>美团服务器地址必须以 https:// 开头，例如 https://api-open-cater.meituan.com</translation>
    </message>
    <message>
        <source>Demo mode: coupons are checked against the built-in simulator of Douyin and Meituan, not against the real platforms, and every store is bound to the simulator&apos;s Meituan store. To work with the real platforms, enter your accounts below, save, and start dy-gateway again.</source>
        <translation>演示模式：券码在内置的抖音和美团模拟器上核销，而不是真实的平台，每个门店都已绑定模拟器的美团门店。如需连接真实平台，请在下方填写账户，保存后重新启动 dy-gateway。</translation>
    </message>
    <message>
        <source>Restart to apply: close dy-gateway and open it again to use the Douyin and Meituan accounts and network settings you saved.</source>
        <translation>重启后生效：请关闭 dy-gateway 再重新打开，以使用已保存的抖音、美团账户和网络设置。</translation>
    </message>
    <message>
        <source>The slip settings could not be saved: %1.</source>
        <translation>无法保存凭证打印设置：%1。</translation>
    </message>
</context>
<context>
    <name>SettingsRow</name>
    <message>
        <source>Set by %1 where dy-gateway is started, so it cannot be changed here.</source>
        <translation>由启动 dy-gateway 时的 %1 设置，因此无法在此修改。</translation>
    </message>
    <message>
        <source>Set by the command-line option %1 when dy-gateway was started, so it cannot be changed here.</source>
        <extracomment>%1 is a command-line option such as --listen</extracomment>
        <translation>由启动 dy-gateway 时的命令行参数 %1 设置，因此无法在此修改。</translation>
    </message>
    <message>
        <source>••••• (saved)</source>
        <extracomment>Shown in the empty secret field when a secret is stored (never the secret itself)</extracomment>
        <translation>•••••（已保存）</translation>
    </message>
    <message>
        <source>Not saved yet. It is stored encrypted and never shown again.</source>
        <translation>尚未保存。保存后将加密存储，且不会再显示。</translation>
    </message>
    <message>
        <source>Saved encrypted. Leave this empty to keep it, or type a new one to replace it.</source>
        <translation>已加密保存。留空则保持不变，输入新的即可替换。</translation>
    </message>
    <message>
        <source>It is in the settings file without encryption. Type it here and save to store it encrypted instead.</source>
        <translation>它以明文形式保存在设置文件中。请在此重新输入并保存，改为加密存储。</translation>
    </message>
    <message>
        <source>A saved secret exists but cannot be read on this computer. Please type it again.</source>
        <translation>已保存的密钥无法在这台电脑上读取，请重新输入。</translation>
    </message>
</context>
<context>
    <name>SlipPrintBar</name>
    <message>
        <source>Printing the slip again…</source>
        <translation>正在重新打印凭证…</translation>
    </message>
    <message>
        <source>Slip printing is off. Choose a printer in Settings → Verification slips.</source>
        <translation>未开启凭证打印。请在“设置 → 核销凭证”中选择打印机。</translation>
    </message>
    <message>
        <source>Slip printed.</source>
        <translation>凭证已打印。</translation>
    </message>
    <message>
        <source>Retry</source>
        <extracomment>Button: print the verification slip again after the printer failed</extracomment>
        <translation>重试</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>SlipPrinter</name>
    <message>
        <source>Verification slip</source>
        <translation>核销凭证</translation>
    </message>
    <message>
        <source>No printer is installed for the slips. Add one in the system settings, or choose a network printer.</source>
        <translation>没有可用于打印凭证的打印机。请在系统设置中添加打印机，或选择网络打印机。</translation>
    </message>
    <message>
        <source>The slip printer&apos;s address &quot;%1&quot; is not valid. Write it as 192.168.1.50:9100.</source>
        <translation>凭证打印机地址“%1”无效。请按 192.168.1.50:9100 的格式填写。</translation>
    </message>
    <message>
        <source>The slip printer at %1 cannot be reached. Check that it is switched on and connected to the network.</source>
        <translation>无法连接凭证打印机 %1。请检查打印机是否已开机并已连接网络。</translation>
    </message>
    <message>
        <source>The slip printer at %1 hung up before it confirmed the slip.</source>
        <translation>凭证打印机 %1 在确认凭证前断开了连接。</translation>
    </message>
    <message>
        <source>The slip printer at %1 did not answer. It may be busy or stuck, or it is not an ESC/POS printer.</source>
        <translation>凭证打印机 %1 没有响应。它可能正忙或卡住，或者不是 ESC/POS 打印机。</translation>
    </message>
    <message>
        <source>The slip printer at %1 is offline: check its paper and its cover.</source>
        <translation>凭证打印机 %1 处于离线状态：请检查纸张和机盖。</translation>
    </message>
    <message>
        <source>This system cannot write Chinese for ESC/POS printers (no GB18030 codec).</source>
        <translation>本系统无法为 ESC/POS 打印机输出中文（缺少 GB18030 编码）。</translation>
    </message>
    <message>
        <source>The slip could not be printed on %1.</source>
        <translation>无法在 %1 上打印凭证。</translation>
    </message>
</context>
<context>
    <name>SlipSection</name>
    <message>
        <source>The test slip was sent to the printer.</source>
        <translation>测试凭证已发送到打印机。</translation>
    </message>
    <message>
        <source>Verification slip</source>
        <translation>核销凭证</translation>
    </message>
    <message>
        <source>The preview could not be drawn.</source>
        <translation>无法生成预览。</translation>
    </message>
    <message>
        <source>Printing a test slip…</source>
        <translation>正在打印测试凭证…</translation>
    </message>
    <message>
        <source>Verification slips</source>
        <translation>核销凭证</translation>
    </message>
    <message>
        <source>Print slips</source>
        <translation>打印核销凭证</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>On a system printer</source>
        <translation>系统打印机</translation>
    </message>
    <message>
        <source>On a network ESC/POS printer</source>
        <translation>网络 ESC/POS 打印机</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>58 mm roll</source>
        <translation>58 毫米热敏纸</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>80 毫米热敏纸</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <source>Print automatically after each success and cancel</source>
        <translation>每次核销成功和撤销后自动打印</translation>
    </message>
    <message>
        <source>A slip shows the store, product, coupon code (all but the last 4 digits hidden), amount, time, cashier and verify ID, with a QR code of the verify ID. Network printers are reached on their raw port, usually 9100. Any slip can be printed again from its record. Changes at once.</source>
        <translation>凭证上有门店、商品、券码（只显示后 4 位）、金额、时间、收银员和核销 ID，并附核销 ID 的二维码。网络打印机通过其原始端口连接，通常为 9100。任何凭证都可以在核销记录中重新打印。更改立即生效。</translation>
    </message>
    <message>
        <source>Print a test slip</source>
        <translation>打印测试凭证</translation>
    </message>
</context>
<context>
    <name>SlipText</name>
    <message>
        <source>Verification cancelled (slip)</source>
        <translation>撤销核销凭证</translation>
    </message>
    <message>
        <source>Verification slip</source>
        <translation>核销凭证</translation>
    </message>
    <message>
        <source>Platform: %1</source>
        <extracomment>Slip line; %1 is Douyin or Meituan / Dianping</extracomment>
        <translation>平台：%1</translation>
    </message>
    <message>
        <source>Product: %1</source>
        <translation>商品：%1</translation>
    </message>
    <message>
        <source>Coupon code: %1</source>
        <translation>券码：%1</translation>
    </message>
    <message numerus="yes">
        <source>Quantity: %n coupon(s)</source>
        <translation>
            <numerusform>数量：%n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified at: %1</source>
        <translation>核销时间：%1</translation>
    </message>
    <message>
        <source>CANCELLED at: %1</source>
        <extracomment>Slip line for a cancel (撤销核销); %1 is the time of the cancel</extracomment>
        <translation>撤销时间：%1</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>收银员：%1</translation>
    </message>
    <message>
        <source>Refunded: %1</source>
        <extracomment>Slip line with the amount, printed large; for a cancel, the amount taken back</extracomment>
        <translation>撤销金额：%1</translation>
    </message>
    <message>
        <source>Amount: %1</source>
        <translation>金额：%1</translation>
    </message>
    <message>
        <source>Verify ID: %1</source>
        <translation>核销 ID：%1</translation>
    </message>
    <message>
        <source>This verification was cancelled. The coupon can be used again.</source>
        <translation>本次核销已撤销，券码可再次使用。</translation>
    </message>
    <message>
        <source>Keep this slip. Scan the code to look up the verification.</source>
        <translation>请保留本凭证。扫描二维码可查询核销记录。</translation>
    </message>
    <message>
        <source>Sample store</source>
        <translation>示例门店</translation>
    </message>
    <message>
        <source>Set meal for two (sample)</source>
        <translation>双人套餐（示例）</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
</context>
<context>
    <name>SoundSection</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Mute all sounds</source>
        <translation>全部静音</translation>
    </message>
    <message>
        <source>A short sound plays after each verification: one for success, another for failure. Changes at once.</source>
        <translation>每次核销后会播放提示音：成功和失败的声音不同。更改立即生效。</translation>
    </message>
</context>
<context>
    <name>StoreBar</name>
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
</context>
<context>
    <name>SummaryChart</name>
    <message>
        <source>Verified coupons per day</source>
        <translation>每日核销券数</translation>
    </message>
    <message>
        <source>Amount per day</source>
        <translation>每日金额</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>No verifications in this period</source>
        <translation>该时段没有核销</translation>
    </message>
    <message>
        <source>%1
Verified: %2
Paid: %3
Received: %4</source>
        <extracomment>Tooltip of one day in the chart</extracomment>
        <translation>%1
核销：%2
实付：%3
实收：%4</translation>
    </message>
    <message>
        <source>%1: %2 verified, paid %3</source>
        <extracomment>One platform&apos;s part of a day in the chart&apos;s tooltip: platform, count, paid</extracomment>
        <translation>%1：核销 %2 张，实付 %3</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Verified by</source>
        <extracomment>Group by: the till or LAN device (verifier app) that verified</extracomment>
        <translation>核销端</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>The summary could not be loaded: %1 (%2)</source>
        <extracomment>%1 is the kind of error, %2 the technical detail</extracomment>
        <translation>无法加载报表：%1（%2）</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Saved the summary to %1.</source>
        <translation>报表已保存到 %1。</translation>
    </message>
    <message>
        <source>The export failed: %1 (%2)</source>
        <translation>导出失败：%1（%2）</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask for the latest numbers (F5)</source>
        <translation>获取最新数据（F5）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the table as a CSV file (Ctrl+E)</source>
        <translation>将表格保存为 CSV 文件（Ctrl+E）</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Chart by platform</source>
        <extracomment>Check box: the chart&apos;s bars in parts, one colour per platform (抖音 / 美团)</extracomment>
        <translation>图表按平台拆分</translation>
    </message>
    <message>
        <source>Gateway</source>
        <extracomment>Group by: the gateway (till) of a chain that made the records</extracomment>
        <translation>网关</translation>
    </message>
</context>
<context>
    <name>SummaryTableModel</name>
    <message>
        <source>Verified</source>
        <extracomment>Column: successful verifications</extracomment>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checking</source>
        <extracomment>Column: verifications whose outcome is still being checked with Douyin</extracomment>
        <translation>确认中</translation>
    </message>
    <message>
        <source>Paid</source>
        <extracomment>Column: what customers paid for the verified coupons</extracomment>
        <translation>实付</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Column: what the store receives for the verified coupons (receipt amount)</extracomment>
        <translation>实收</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>(no product)</source>
        <extracomment>A summary row for records that named no product</extracomment>
        <translation>（无商品）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Verified by</source>
        <extracomment>Column: the till or LAN device (verifier app) that verified</extracomment>
        <translation>核销端</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <extracomment>Column: successful verifications that were cancelled later (已撤销)</extracomment>
        <translation>已撤销</translation>
    </message>
    <message numerus="yes">
        <source>%n verification(s) still pending settlement</source>
        <translation>
            <numerusform>%n 笔待结算</numerusform>
        </translation>
    </message>
    <message>
        <source>Gateway</source>
        <extracomment>Column: the gateway (till) of a chain that made the records</extracomment>
        <translation>网关</translation>
    </message>
</context>
<context>
    <name>SummaryTotals</name>
    <message>
        <source>Verified</source>
        <extracomment>Card: successful verifications in the period</extracomment>
        <translation>核销成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checking</source>
        <extracomment>Card: verifications whose outcome is still being checked with Douyin</extracomment>
        <translation>确认中</translation>
    </message>
    <message>
        <source>Paid by customers</source>
        <translation>顾客实付</translation>
    </message>
    <message>
        <source>Received by store</source>
        <extracomment>Card: receipt amount, what the store receives</extracomment>
        <translation>商家实收</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <extracomment>Card: verifications cancelled later (已撤销), not in the counts or amounts</extracomment>
        <translation>已撤销</translation>
    </message>
    <message numerus="yes">
        <source>%n pending settlement</source>
        <extracomment>Under the receipt amount: successes whose settlement the platform has not stated yet</extracomment>
        <translation>
            <numerusform>%n 笔待结算</numerusform>
        </translation>
    </message>
    <message>
        <source>All settled</source>
        <extracomment>Under the receipt amount: every success of the period is settled</extracomment>
        <translation>已全部结算</translation>
    </message>
    <message>
        <source>Only verifications the platform has settled count here; Douyin settles about an hour after a verification.</source>
        <translation>此处只计平台已结算的核销；抖音约在核销一小时后结算。</translation>
    </message>
</context>
<context>
    <name>VerificationTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Paid</source>
        <extracomment>Column: what the customer paid for the coupon</extracomment>
        <translation>实付</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Column: what the store receives for the coupon (receipt amount)</extracomment>
        <translation>实收</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Verified by</source>
        <extracomment>Column: the till or LAN device (verifier app) that verified the coupon</extracomment>
        <translation>核销端</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Operator</source>
        <extracomment>Column: the cashier who verified the coupon</extracomment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Reason</source>
        <extracomment>Column: why a verification failed</extracomment>
        <translation>失败原因</translation>
    </message>
    <message>
        <source>Platform</source>
        <extracomment>Column: the coupon&apos;s platform (抖音 / 美团)</extracomment>
        <translation>平台</translation>
    </message>
    <message>
        <source>%1 error %2</source>
        <extracomment>%1 is the platform (Douyin, Meituan / Dianping), %2 its error number</extracomment>
        <translation>%1错误 %2</translation>
    </message>
    <message>
        <source>The answer was lost; checking with %1</source>
        <extracomment>%1 is the platform: Douyin, Meituan / Dianping</extracomment>
        <translation>应答丢失，正在向%1核实</translation>
    </message>
</context>
<context>
    <name>VerifierAppTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Client key</source>
        <extracomment>The public id a device sends with each request</extracomment>
        <translation>Client Key</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reads Douyin token</source>
        <extracomment>Column: whether the app may read the gateway&apos;s Douyin access token</extracomment>
        <translation>可读抖音令牌</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Never</source>
        <extracomment>An app that has never sent a request</extracomment>
        <translation>从未使用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
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
        <source>Reading the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <source>Cancelling the verification…</source>
        <translation>正在撤销核销…</translation>
    </message>
    <message>
        <source>Looking up the coupon with %1…</source>
        <extracomment>%1 is the platform: Douyin, Meituan / Dianping</extracomment>
        <translation>正在向%1查询券信息…</translation>
    </message>
    <message>
        <source>Looking up the coupon…</source>
        <translation>正在查询券信息…</translation>
    </message>
    <message>
        <source>Which platform is this coupon from?</source>
        <translation>这是哪个平台的券？</translation>
    </message>
    <message>
        <source>Ask the customer which app shows the coupon, then press that platform&apos;s button. Nothing has been verified yet.</source>
        <translation>请询问顾客券在哪个 App 里，再按对应平台的按钮。目前尚未核销。</translation>
    </message>
</context>
</TS>
