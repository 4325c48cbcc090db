// Module mmserver pins the Mattermost server that the end-to-end suite builds
// and runs. It holds no code: the harness builds the server's own
// cmd/mattermost package by import path from this directory.
module meldbot/e2e/mmserver

go 1.26.8

// server/v8 pins tablewriter with a replace directive of its own, which
// does not carry over to modules that depend on it: repeat it here.
replace github.com/olekukonko/tablewriter => github.com/olekukonko/tablewriter v0.0.5

require (
	github.com/mattermost/mattermost/server/public v0.1.21 // indirect
	github.com/mattermost/mattermost/server/v8 v8.0.0-20251014075701-833e0125320d // indirect
)
