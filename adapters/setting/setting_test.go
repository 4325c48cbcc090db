package setting

import "testing"

func TestAnErrorInTheAdaptersWordsAndInAProgramsOwn(t *testing.T) {
	e := &Error{Adapter: "slack", Field: "AppToken", Name: "the app-level token", Problem: "is not set",
		Hint: "Socket Mode needs one; or set {Mode}=http"}
	if got, want := e.Error(), "slack: the app-level token is not set: Socket Mode needs one; or set Mode=http"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	env := map[string]string{"AppToken": "MELDBOT_SLACK_APP_TOKEN", "Mode": "MELDBOT_SLACK_MODE"}
	if got, want := e.Message(func(f string) string { return env[f] }), "MELDBOT_SLACK_APP_TOKEN is not set: Socket Mode needs one; or set MELDBOT_SLACK_MODE=http"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	v := &Error{Adapter: "mattermost", Field: "URL", Name: "the server URL", Value: "chat.example.nl", Problem: "is not an http(s) URL"}
	if got, want := v.Error(), `mattermost: the server URL "chat.example.nl" is not an http(s) URL`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := v.Message(func(string) string { return "MELDBOT_MATTERMOST_URL" }), `MELDBOT_MATTERMOST_URL="chat.example.nl" is not an http(s) URL`; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}
