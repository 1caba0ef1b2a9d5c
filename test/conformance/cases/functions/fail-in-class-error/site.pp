class c { if $facts['kernel'] == 'Linux' { fail("Unsupported kernel ${facts['kernel']}") } }
include c
