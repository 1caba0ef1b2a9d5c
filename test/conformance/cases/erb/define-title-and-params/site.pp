demo::vhost { 'shop.example.test': port => 8443, aliases => ['www.shop.example.test'] }
demo::vhost { 'blog.example.test': }
