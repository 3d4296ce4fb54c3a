<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppsPage</name>
    <message>
        <source>The list of apps could not be loaded.</source>
        <translation>无法加载应用列表。</translation>
    </message>
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
</TS>
