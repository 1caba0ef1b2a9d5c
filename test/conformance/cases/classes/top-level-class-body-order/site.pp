notify { 'before': }
include late
notify { 'after': }
class late { notify { 'in-late': } }
