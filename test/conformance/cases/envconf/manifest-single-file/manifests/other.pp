notify { 'other-not-loaded': }
