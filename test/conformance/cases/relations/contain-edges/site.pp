class inner { notify { 'inner': } }
class middle { contain inner notify { 'middle': } }
class outer { contain middle }
include outer
