class app {
  mylib_ensure_tag('audited')
  notify { 'tagged': }
}
include app
