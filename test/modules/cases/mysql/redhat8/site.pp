# The same module on a Red Hat Enterprise Linux 8 node (the module's RedHat-family defaults).
include mysql::server
