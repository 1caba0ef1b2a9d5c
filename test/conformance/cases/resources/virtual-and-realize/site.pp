@notify { 'virt-a': }
@notify { 'virt-b': }
@notify { 'never': }
realize(Notify['virt-a'])
realize Notify['virt-b']
