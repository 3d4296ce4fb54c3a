<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
