// InvalidValueError, which every parser here throws, lives in the core module; a user of the parsers needs no
// second import for it.
@_exported public import EventInvokeConfigCore
