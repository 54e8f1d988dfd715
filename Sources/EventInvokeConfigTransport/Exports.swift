// The core module's public vocabulary (the redacted printing of types that hold secrets, InvalidValueError) comes
// with this module, as it does with the ARN module: a user needs no second import for it.
@_exported public import EventInvokeConfigCore
