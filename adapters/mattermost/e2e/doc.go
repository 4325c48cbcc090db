// Package e2e proves meldbot end to end against a real Mattermost server:
// the tests build the server from its Go module (pinned in e2e/mmserver),
// start PostgreSQL and Mattermost on free loopback ports, seed the people of
// the sample organisation, run the real meldbot binary against it and act as
// the employee through the Mattermost API.
//
// The suite runs only with MELDBOT_E2E=1, so `go test ./...` stays fast:
//
//	MELDBOT_E2E=1 go test -count=1 -timeout 30m ./e2e
//
// The first run builds the server (a few minutes on two cores) and caches
// the binary in ~/.cache/meldbot, keyed by the wrapper module and the Go
// version.
package e2e
