module github.com/ternmq/tern

go 1.26.0

require golang.org/x/crypto v0.59.0

require (
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
