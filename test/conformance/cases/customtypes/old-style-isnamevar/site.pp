acme_mount { '/srv/data': device => '/dev/vdb1', fstype => 'ext4', options => 'defaults,noatime' }
