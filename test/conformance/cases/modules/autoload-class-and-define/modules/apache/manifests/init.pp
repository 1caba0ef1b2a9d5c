class apache { notify { 'apache': } }
