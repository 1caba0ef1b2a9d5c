include demo
