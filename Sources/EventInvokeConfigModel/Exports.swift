@_exported public import EventInvokeConfigARN
