package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"meldbot/bot"
	"meldbot/bot/orgfile"
	"meldbot/schedules"
)

// defaultConfig is the organisation file used when none is named.
const defaultConfig = "meldbot.yaml"

// loadOrg reads the organisation file: the one named, else MELDBOT_CONFIG,
// else ./meldbot.yaml, else the bundled sample. It returns a description of
// where the organisation came from.
func loadOrg(path string) (*bot.Organisation, string, error) {
	if path == "" {
		path = os.Getenv("MELDBOT_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat(defaultConfig); err == nil {
			path = defaultConfig
		}
	}
	if path == "" {
		org, err := orgfile.Parse(orgfile.ExampleName, orgfile.Example)
		return org, orgfile.ExampleName, err
	}
	org, err := orgfile.Load(path)
	return org, path, err
}

// checkConfig validates an organisation file and prints what is wrong.
func checkConfig(args []string, out io.Writer) error {
	path := ""
	if len(args) > 0 {
		path = args[0]
	}
	org, name, err := loadOrg(path)
	if err == nil {
		_, err = schedules.Load(org, name)
	}
	var probs *orgfile.Problems
	if errors.As(err, &probs) {
		fmt.Fprintln(out, probs.Error())
		return &exitError{code: 1, err: fmt.Errorf("%s is not valid", name)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s is valid: %s, %d departments, %d locations, %d people (%d coordinator(s)), time zone %s.\n",
		name, org.Name, len(org.Departments), len(org.Locations), len(org.People), len(org.Coordinators()), org.TimeZone)
	return nil
}
