def _uniffi_rust_call_with_error(error_ffi_converter, fn, *args):
    # Call a rust function and handle any errors
    #
    # This function is used for rust calls that return Result<> and therefore can set the CALL_ERROR status code.
    # error_ffi_converter must be set to the _UniffiConverter for the error class that corresponds to the result.
    # (unilance's uniffi-bindgen: a zeroed status is UniFFI's default one; checked only when set.)
    call_status = _UniffiRustCallStatus()
    result = fn(*args, ctypes.byref(call_status))
    if call_status.code:
        _uniffi_check_call_status(error_ffi_converter, call_status)
    return result
