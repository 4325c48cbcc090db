package calendar

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// StartKind says how a window's start is found from its reference moment
// (the report; for ban_ends, the end of the ban).
type StartKind string

// The kinds of start.
const (
	// AtOnce starts at the reference moment itself, day or night.
	AtOnce StartKind = "at once"
	// NextWorkingMoment starts at the reference moment when it is working
	// time, else at the opening of the next working day.
	NextWorkingMoment StartKind = "next working moment"
	// After starts an Amount after the reference moment: N working days
	// after it at the opening of that day (the day of the reference does
	// not count); a calendar offset such as 14 days at the opening of the
	// working day on that date, or of the next working day; N working
	// hours at the moment they have passed (at the next opening when that
	// is a close: a task that is not urgent opens in working time). A
	// negative calendar offset starts before the reference (7 days before
	// a ban ends).
	After StartKind = "after"
)

// Start is when a window opens.
type Start struct {
	Kind   StartKind
	Offset Amount // for After
}

// String renders the start as the organisation file has it: "at once",
// "next working moment", "next working day", "3 working days", "14 days",
// "7 days before".
func (s Start) String() string {
	switch {
	case s.Kind != After:
		return string(s.Kind)
	case s.Offset == workingDays(1):
		return "next working day"
	case s.Offset.N < 0:
		return Amount{-s.Offset.N, s.Offset.Unit}.String() + " before"
	}
	return s.Offset.String()
}

var startBeforeRe = regexp.MustCompile(`^(.*) (before|voor|voorafgaand|ervoor)$`)

// ParseStart reads a start as the organisation file writes it: "at once"
// (meteen), "next working moment" (eerstvolgend werkmoment), "next working
// day" (volgende werkdag), an amount after the reference ("3 working days",
// "14 days", "2 weeks") or before it ("7 days before").
func ParseStart(s string) (Start, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	switch s {
	case "at once", "immediately", "meteen", "direct", "onmiddellijk":
		return Start{Kind: AtOnce}, nil
	case "next working moment", "eerstvolgend werkmoment", "eerstvolgende werkmoment", "volgend werkmoment":
		return Start{Kind: NextWorkingMoment}, nil
	case "next working day", "volgende werkdag", "eerstvolgende werkdag":
		return Start{Kind: After, Offset: workingDays(1)}, nil
	}
	sign := 1
	if m := startBeforeRe.FindStringSubmatch(s); m != nil {
		s, sign = m[1], -1
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, " later"), " after")
	a, err := ParseAmount(s)
	if err != nil {
		return Start{}, fmt.Errorf("%w, or at once, next working moment or next working day", err)
	}
	a.N *= sign
	return Start{Kind: After, Offset: a}, nil
}

// Count says what a window's Length is counted from.
type Count string

// What a length is counted from.
const (
	// FromStart counts the length from the window's start (the default).
	FromStart Count = ""
	// FromReference counts it from the reference moment, the report: the
	// aftercare talk's 72 hours run from the report, whenever the task
	// opens.
	FromReference Count = "from the report"
	// ByReference has no length: the task is due by the reference moment,
	// at the close of the last working day that ends by then (a ban that
	// ends is decided on before it ends).
	ByReference Count = "until the end"
)

// Window is how a task's time is planned, as data. The moments follow from
// a reference moment (the report) by Calendar.Plan.
type Window struct {
	// Starts are when the task opens, one per occurrence: most kinds
	// occur once, follow-ups twice.
	Starts []Start
	// Length is how long the task runs, counted as Count says: working
	// time, or calendar time.
	Length Amount
	Count  Count
	// AtLeast, when set, is working time that must fit between the start
	// and the due: the aftercare talk's 72 hours are stretched until two
	// whole working days fit.
	AtLeast Amount
	// After names a kind whose due this window's due never precedes, for
	// the same report: contact today comes after first care.
	After string
	// Urgent windows run in calendar time day and night: a calendar length
	// ends at the exact moment, and reminders and escalation come at
	// night too. Other windows keep to working hours.
	Urgent bool
	// WhenUrgent, when set, is the window used instead for an urgent task
	// (a serious incident, or the employee wants to talk now).
	WhenUrgent *Window
}

// Windows are the windows of the task kinds, by the name of the kind
// (bot.TaskKind: first_care, contact_today, …).
type Windows map[string]Window

// Problem is what is wrong with one field of one kind's window.
type Problem struct {
	Kind  string // the task kind
	Field string // start, length, at_least, after or urgent
	Msg   string
}

func (p Problem) Error() string { return fmt.Sprintf("window of %s, %s: %s", p.Kind, p.Field, p.Msg) }

// Problems returns what is wrong with the windows: amounts out of bounds, a
// start that cannot be, an After that names no kind or goes round in a
// circle. Kinds are checked in name order.
func (ws Windows) Problems() []Problem {
	kinds := make([]string, 0, len(ws))
	for k := range ws {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	var out []Problem
	for _, kind := range kinds {
		w := ws[kind]
		out = append(out, w.problems(kind, "")...)
		if w.WhenUrgent != nil {
			if w.WhenUrgent.WhenUrgent != nil {
				out = append(out, Problem{kind, "urgent", "an urgent window has no urgent window of its own"})
			}
			out = append(out, w.WhenUrgent.problems(kind, "urgent ")...)
		}
		if w.After != "" {
			if _, ok := ws[w.After]; !ok {
				out = append(out, Problem{kind, "after", fmt.Sprintf("%q is no task kind", w.After)})
			} else if ws.circular(kind) {
				out = append(out, Problem{kind, "after", "the order goes round in a circle: " + ws.chain(kind)})
			}
		}
	}
	return out
}

func (w Window) problems(kind, prefix string) []Problem {
	var out []Problem
	add := func(field, format string, args ...any) {
		out = append(out, Problem{kind, prefix + field, fmt.Sprintf(format, args...)})
	}
	if len(w.Starts) == 0 {
		add("start", "the window has no start")
	}
	for _, s := range w.Starts {
		switch s.Kind {
		case AtOnce, NextWorkingMoment:
		case After:
			if err := s.Offset.check(true); err != nil {
				add("start", "%v", err)
			} else if s.Offset.N < 0 && (w.Count != ByReference || s.Offset.Working()) {
				add("start", "only a task due when something ends can start before it, in days or weeks")
			}
		default:
			add("start", "%q is no start; use at once, next working moment or an amount after the report", s.Kind)
		}
	}
	switch w.Count {
	case FromStart, FromReference:
		if err := w.Length.check(false); err != nil {
			add("length", "%v", err)
		}
	case ByReference:
		if !w.Length.IsZero() {
			add("length", "the task is due when the reference moment comes; it has no length of its own")
		}
	default:
		add("length", "%q is not from the start, from the report or until the end", w.Count)
	}
	if !w.AtLeast.IsZero() {
		if err := w.AtLeast.check(false); err != nil {
			add("at_least", "%v", err)
		} else if !w.AtLeast.Working() || w.AtLeast.N == 0 {
			add("at_least", "write it in working time, such as 2 working days or 4 working hours")
		}
	}
	return out
}

// circular reports whether following After from kind comes back to a kind
// already seen.
func (ws Windows) circular(kind string) bool {
	seen := map[string]bool{}
	for k := kind; k != ""; k = ws[k].After {
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// chain renders the After chain from kind until it repeats.
func (ws Windows) chain(kind string) string {
	seen := map[string]bool{}
	var out []string
	for k := kind; k != ""; k = ws[k].After {
		out = append(out, k)
		if seen[k] {
			break
		}
		seen[k] = true
	}
	return strings.Join(out, " → ")
}

// DescribeLength renders a window's length as the organisation file has
// it: "4 working hours", "72 hours from the report", "until the end".
func (w Window) DescribeLength() string {
	switch w.Count {
	case ByReference:
		return string(ByReference)
	case FromReference:
		return w.Length.String() + " " + string(FromReference)
	}
	return w.Length.String()
}

// DescribeStarts renders a window's starts as the organisation file has
// them: "next working moment", "14 days, 49 days".
func (w Window) DescribeStarts() string {
	out := make([]string, len(w.Starts))
	for i, s := range w.Starts {
		out[i] = s.String()
	}
	return strings.Join(out, ", ")
}

// ParseLength reads a window's length as the organisation file writes it:
// an amount, optionally counted "from the report" (vanaf de melding).
func ParseLength(s string) (Amount, Count, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	count := FromStart
	for _, suffix := range []string{" from the report", " after the report", " vanaf de melding", " na de melding"} {
		if rest, ok := strings.CutSuffix(s, suffix); ok {
			s, count = rest, FromReference
		}
	}
	a, err := ParseAmount(s)
	return a, count, err
}
