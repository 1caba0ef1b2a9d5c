notify { 'x': message => [$::osfamily, $osfamily, $facts['osfamily'], $::os['family'], $hostname] }
