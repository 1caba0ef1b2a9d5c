include demo::child
