package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestParseWhatTheOrganisationFileWrites(t *testing.T) {
	amounts := map[string]Amount{
		"4 working hours": {4, WorkingHours}, "4 werkuren": {4, WorkingHours}, "1 werkuur": {1, WorkingHours},
		"2 working days": {2, WorkingDays}, "1 working day": {1, WorkingDays}, "10 Werkdagen": {10, WorkingDays},
		"30 minutes": {30, Minutes}, "30 minuten": {30, Minutes}, "30m": {30, Minutes},
		"72 hours": {72, Hours}, "72 uur": {72, Hours}, "72h": {72, Hours},
		"14 days": {14, Days}, "14 dagen": {14, Days}, "14d": {14, Days}, "2 weeks": {2, Weeks}, "2w": {2, Weeks},
		"the same working day": {0, WorkingDays}, "dezelfde werkdag": {0, WorkingDays},
	}
	for s, want := range amounts {
		if got, err := ParseAmount(s); err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, bad := range []string{"3 dagen en een uur", "vier uur", "4 working weeks", "", "99999999999999999999 days"} {
		if _, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) took it", bad)
		}
	}
	starts := map[string]Start{
		"at once": {Kind: AtOnce}, "meteen": {Kind: AtOnce},
		"next working moment": {Kind: NextWorkingMoment}, "eerstvolgend werkmoment": {Kind: NextWorkingMoment},
		"next working day": {Kind: After, Offset: workingDays(1)}, "volgende werkdag": {Kind: After, Offset: workingDays(1)},
		"3 working days": {Kind: After, Offset: workingDays(3)}, "14 days": {Kind: After, Offset: days(14)},
		"7 days before": {Kind: After, Offset: days(-7)}, "7 dagen voor": {Kind: After, Offset: days(-7)},
	}
	for s, want := range starts {
		if got, err := ParseStart(s); err != nil || got != want {
			t.Errorf("ParseStart(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if a, count, err := ParseLength("72 hours from the report"); err != nil || a != hours(72) || count != FromReference {
		t.Errorf("ParseLength = %v, %q, %v", a, count, err)
	}
	if a, count, err := ParseLength("72 uur vanaf de melding"); err != nil || a != hours(72) || count != FromReference {
		t.Errorf("ParseLength (Dutch) = %v, %q, %v", a, count, err)
	}
}

// What the defaults render reads back as the same window: the docs and
// the organisation file use one language.
func TestDefaultsRenderAsTheyAreWritten(t *testing.T) {
	for kind, w := range DefaultWindows() {
		for _, s := range w.Starts {
			if back, err := ParseStart(s.String()); err != nil || back != s {
				t.Errorf("%s: start %q reads back as %v, %v", kind, s, back, err)
			}
		}
		if w.Count == ByReference {
			continue
		}
		if a, count, err := ParseLength(w.DescribeLength()); err != nil || a != w.Length || count != w.Count {
			t.Errorf("%s: length %q reads back as %v %q, %v", kind, w.DescribeLength(), a, count, err)
		}
	}
}

func TestWindowBounds(t *testing.T) {
	next := []Start{{Kind: NextWorkingMoment}}
	tests := []struct {
		name string
		w    Window
		want string
	}{
		{"three million working days", Window{Starts: next, Length: Amount{3_000_000, WorkingDays}}, "more than a year; the most is 260 working days"},
		{"a window of no time", Window{Starts: next, Length: Amount{0, Hours}}, "no time at all"},
		{"a start before the report", Window{Starts: []Start{{Kind: After, Offset: days(-2)}}, Length: workingDays(2)}, "only a task due when something ends"},
		{"at least in calendar time", Window{Starts: next, Length: hours(72), AtLeast: days(2)}, "in working time"},
		{"no start", Window{Length: workingDays(2)}, "no start"},
		{"a start of nothing", Window{Starts: []Start{{Kind: After, Offset: days(0)}}, Length: workingDays(2)}, "no offset"},
	}
	for _, tt := range tests {
		probs := Windows{"legal": tt.w}.Problems()
		if len(probs) == 0 || !strings.Contains(probs[0].Error(), tt.want) {
			t.Errorf("%s: problems %v, want one with %q", tt.name, probs, tt.want)
		}
	}
	if probs := DefaultWindows().Problems(); len(probs) > 0 {
		t.Errorf("the defaults have problems: %v", probs)
	}
}

func TestFromDuration(t *testing.T) {
	for d, want := range map[time.Duration]Amount{
		30 * time.Minute: minutes(30), 2 * time.Hour: hours(2), 90 * time.Minute: minutes(90), 14 * 24 * time.Hour: days(14), 90 * time.Second: minutes(2),
	} {
		if got := FromDuration(d); got != want {
			t.Errorf("FromDuration(%v) = %v, want %v", d, got, want)
		}
	}
}
