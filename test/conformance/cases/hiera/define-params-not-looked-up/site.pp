app::vhost { 'main': }
