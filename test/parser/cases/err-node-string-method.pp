node "a".foo {}
