include profile::logrotate
