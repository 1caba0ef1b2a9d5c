class role::db { notify { 'role::db': } }
class profile::base { notify { 'profile::base': } }
lookup('classes', Array[String], 'unique', []).include
