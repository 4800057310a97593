module example.com/csbs-flow

go 1.19
