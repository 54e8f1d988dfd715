@_exported public import EventInvokeConfigARN
@_exported public import EventInvokeConfigModel
@_exported public import EventInvokeConfigSigV4
@_exported public import EventInvokeConfigTransport
@_exported public import HTTPTypes
