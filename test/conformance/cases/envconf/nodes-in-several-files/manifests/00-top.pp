$top = 'top'
