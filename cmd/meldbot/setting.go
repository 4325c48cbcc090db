package main

import (
	"errors"

	"meldbot/adapters/setting"
)

// settingError words an adapter's complaint about a setting with the
// environment variable that holds it; env maps the fields of the adapter's
// Config to their variables. Other errors are returned as they are.
func settingError(err error, env map[string]string) error {
	var se *setting.Error
	if !errors.As(err, &se) {
		return err
	}
	if _, ok := env[se.Field]; !ok {
		return err
	}
	return errors.New(se.Message(func(field string) string {
		if v, ok := env[field]; ok {
			return v
		}
		return field
	}))
}
