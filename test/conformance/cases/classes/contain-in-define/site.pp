define wrapper { contain inner }
class inner { notify { 'inner': } }
wrapper { 'w': }
