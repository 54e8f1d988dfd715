// The modules whose types appear in the client's public API: function references and configs (ARN, Model), the
// shared config files and endpoints (AWSConfig), credentials (SigV4, Credentials) and the transport protocol
// (Transport).
@_exported public import EventInvokeConfigARN
@_exported public import EventInvokeConfigAWSConfig
@_exported public import EventInvokeConfigCredentials
@_exported public import EventInvokeConfigModel
@_exported public import EventInvokeConfigSigV4
@_exported public import EventInvokeConfigTransport
