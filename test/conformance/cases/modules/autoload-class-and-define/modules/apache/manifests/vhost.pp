define apache::vhost { notify { "vhost-${title}": } }
