class role::web { notify { 'role::web': } }
class profile::base { notify { 'profile::base': } }
class profile::monitoring { notify { 'profile::monitoring': } }
node default {
  hiera_include('classes')
}
