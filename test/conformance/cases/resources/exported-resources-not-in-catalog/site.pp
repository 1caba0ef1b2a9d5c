@@notify { 'exported': }
notify { 'plain': }
Notify <<| |>>
