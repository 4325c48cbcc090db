package orgfile

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"meldbot/bot/calendar"
)

// windowsSection is timings.windows: for a task kind, how its time is
// planned. Only what is written changes; the rest keeps the default.
type windowsSection struct {
	Entries []windowEntry
}

// windowEntry is the window of one task kind as written.
type windowEntry struct {
	Kind                           field[string]
	StartKey                       field[string] // where start: stands
	Starts                         []field[string]
	Length, AtLeast, After, Urgent field[string]
	Unknown                        []field[string]
}

// windowFields are the fields of a window, for messages.
const windowFields = "start, length, at_least, after and urgent"

// UnmarshalYAML reads the windows in file order, keeping every position:
// a start is one value or a list.
func (s *windowsSection) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return typeError(n, "timings.windows names task kinds, each with "+windowFields)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		e := windowEntry{Kind: scalar(key)}
		if val.Kind != yaml.MappingNode {
			return typeError(val, fmt.Sprintf("the window of %s has %s", key.Value, windowFields))
		}
		for j := 0; j+1 < len(val.Content); j += 2 {
			k, v := val.Content[j], val.Content[j+1]
			switch k.Value {
			case "start":
				e.StartKey = scalar(k)
				if v.Kind == yaml.SequenceNode {
					for _, item := range v.Content {
						e.Starts = append(e.Starts, scalar(item))
					}
				} else {
					e.Starts = []field[string]{scalar(v)}
				}
			case "length":
				e.Length = scalar(v)
			case "at_least":
				e.AtLeast = scalar(v)
			case "after":
				e.After = scalar(v)
			case "urgent":
				e.Urgent = scalar(v)
			default:
				e.Unknown = append(e.Unknown, scalar(k))
			}
		}
		s.Entries = append(s.Entries, e)
	}
	return nil
}

// setting is where a field of a window was set: by the windows section or
// by an older key of timings, which may set it for several kinds.
type setting struct {
	key          string // as written, e.g. first_care_working_hours
	line, column int
	shared       bool // an older key for several kinds: a window may refine it
}

// place is a field of the window of a kind.
type place struct{ kind, field string }

// legacyKey is an older key of timings and what it changes in the windows.
type legacyKey struct {
	key          string
	set          bool
	line, column int
	kinds        []string
	field        string
	apply        func(calendar.Windows)
}

// legacyKeys maps the older keys of timings onto the windows, with the
// values read by checkTimings. A key whose value checkTimings refused is
// not set: it has been reported once.
func legacyKeys(in *timings, t olderTimings) []legacyKey {
	length := func(kind string, a calendar.Amount) func(calendar.Windows) {
		return func(ws calendar.Windows) { w := ws[kind]; w.Length = a; ws[kind] = w }
	}
	followUps := func(ws calendar.Windows) {
		fu, ci := ws["follow_up"], ws["check_in"]
		fu.Starts, ci.Starts = nil, ci.Starts[:1]
		for i, d := range t.FollowUps {
			fu.Starts = append(fu.Starts, calendar.Start{Kind: calendar.After, Offset: amountOf(in.FollowUps[i], d)})
			// The check-in comes the day before each follow-up.
			if d > 24*time.Hour {
				ci.Starts = append(ci.Starts, calendar.Start{Kind: calendar.After, Offset: calendar.FromDuration(d - 24*time.Hour)})
			}
		}
		ws["follow_up"], ws["check_in"] = fu, ci
	}
	followLine, followColumn := 0, 0
	if len(in.FollowUps) > 0 {
		followLine, followColumn = in.FollowUps[0].Line, in.FollowUps[0].Column
	}
	one := func(key string, f interface{ pos() (int, int, bool) }, read bool, kind, field string, apply func(calendar.Windows)) legacyKey {
		line, col, set := f.pos()
		return legacyKey{key: key, set: set && read, line: line, column: col, kinds: []string{kind}, field: field, apply: apply}
	}
	offenderDays := int((t.OffenderReaction + 24*time.Hour - 1) / (24 * time.Hour))
	taskLine, taskCol, taskSet := in.TaskWorkingDays.pos()
	followUpsRead := len(t.FollowUps) > 0 && !slices.Contains(t.FollowUps, 0)
	return []legacyKey{
		one("first_care_serious", in.FirstCareSerious, t.FirstCareSerious > 0, "first_care", "urgent", func(ws calendar.Windows) {
			w := ws["first_care"]
			u := *w.WhenUrgent
			u.Length = amountOf(in.FirstCareSerious, t.FirstCareSerious)
			w.WhenUrgent = &u
			ws["first_care"] = w
		}),
		one("first_care_working_hours", in.FirstCareWorkingHours, t.FirstCareWorkingHours > 0, "first_care", "length",
			length("first_care", calendar.Amount{N: t.FirstCareWorkingHours, Unit: calendar.WorkingHours})),
		one("aftercare_talk", in.AftercareTalk, t.AftercareTalk > 0, "aftercare_talk", "length",
			length("aftercare_talk", amountOf(in.AftercareTalk, t.AftercareTalk))),
		{key: "follow_ups", set: followUpsRead, line: followLine, column: followColumn,
			kinds: []string{"follow_up"}, field: "start", apply: followUps},
		one("police_report_working_days", in.PoliceReportWorkingDays, t.PoliceReportWorkingDays > 0, "police", "length",
			length("police", calendar.Amount{N: t.PoliceReportWorkingDays, Unit: calendar.WorkingDays})),
		// The programme's 48 hours are counted as two working days: a part
		// of a day counts as a whole one.
		one("offender_reaction", in.OffenderReaction, t.OffenderReaction > 0, "offender", "length",
			length("offender", calendar.Amount{N: offenderDays, Unit: calendar.WorkingDays})),
		one("ban_reminder", in.BanReminder, t.BanReminder > 0, "ban_ends", "start", func(ws calendar.Windows) {
			w, a := ws["ban_ends"], amountOf(in.BanReminder, t.BanReminder)
			a.N = -a.N
			w.Starts = []calendar.Start{{Kind: calendar.After, Offset: a}}
			ws["ban_ends"] = w
		}),
		one("analysis_working_days", in.AnalysisWorkingDays, t.AnalysisWorkingDays > 0, "analysis", "length",
			length("analysis", calendar.Amount{N: t.AnalysisWorkingDays, Unit: calendar.WorkingDays})),
		{key: "task_working_days", set: taskSet && t.TaskWorkingDays > 0, line: taskLine, column: taskCol,
			kinds: []string{"legal", "facility", "security_eval", "repair"}, field: "length", apply: func(ws calendar.Windows) {
				for _, kind := range []string{"legal", "facility", "security_eval", "repair"} {
					length(kind, calendar.Amount{N: t.TaskWorkingDays, Unit: calendar.WorkingDays})(ws)
				}
			}},
		one("talk_request_working_hours", in.TalkRequestWorkingHours, t.TalkRequestWorkingHours > 0, "talk_request", "length",
			length("talk_request", calendar.Amount{N: t.TalkRequestWorkingHours, Unit: calendar.WorkingHours})),
		one("check_in_working_days", in.CheckInWorkingDays, t.CheckInWorkingDays > 0, "check_in", "start", func(ws calendar.Windows) {
			w := ws["check_in"]
			w.Starts = append([]calendar.Start{{Kind: calendar.After, Offset: calendar.Amount{N: t.CheckInWorkingDays, Unit: calendar.WorkingDays}}},
				w.Starts[1:]...)
			ws["check_in"] = w
		}),
	}
}

func (f field[T]) pos() (int, int, bool) { return f.Line, f.Column, f.Set }

// amountOf returns an older duration key as a calendar amount, in the unit
// it was written in when it has one ("72h" stays 72 hours).
func amountOf(v field[string], d time.Duration) calendar.Amount {
	if a, err := calendar.ParseAmount(v.V); err == nil && !a.Working() && a.Calendar() == d {
		return a
	}
	return calendar.FromDuration(d)
}

// windowFixes say how to write each field of a window.
var windowFixes = map[string]string{
	"start":    "write at once, next working moment, next working day, 3 working days or 14 days",
	"length":   "write an amount such as 4 working hours, 2 working days, 30 minutes or 72 hours, at most a year",
	"at_least": "write working time such as 2 working days, at most a year",
	"after":    "name another task kind, such as first_care, that does not come after this one",
	"urgent":   "write an amount such as 30 minutes, at most a year",
}

// checkWindows builds the windows of the task kinds: the defaults, the
// older keys of timings, then timings.windows, and reports every problem
// with the line that caused it.
func (f *file) checkWindows(p *Problems, t olderTimings) calendar.Windows {
	ws := calendar.DefaultWindows()
	if f.Timings == nil {
		return ws
	}
	where := map[place]setting{}
	for _, l := range legacyKeys(f.Timings, t) {
		if !l.set {
			continue
		}
		l.apply(ws)
		for _, kind := range l.kinds {
			where[place{kind, l.field}] = setting{key: l.key, line: l.line, column: l.column, shared: len(l.kinds) > 1}
		}
	}
	for _, e := range f.Timings.Windows.Entries {
		f.applyWindow(p, ws, where, e)
	}
	for _, pr := range ws.Problems() {
		field := pr.Field
		if strings.HasPrefix(field, "urgent") {
			field = "urgent" // a field of the urgent window
		}
		at := where[place{pr.Kind, field}]
		p.add(at.line, at.column, windowFixes[field], "%s", pr.Error())
	}
	return ws
}

// applyWindow applies the window of one kind as written.
func (f *file) applyWindow(p *Problems, ws calendar.Windows, where map[place]setting, e windowEntry) {
	kind := e.Kind.V
	if !slices.Contains(calendar.Kinds, kind) {
		p.add(e.Kind.Line, e.Kind.Column, "use one of: "+strings.Join(calendar.Kinds, ", ")+suggest(kind, calendar.Kinds),
			"unknown task kind %q", kind)
		return
	}
	for _, u := range e.Unknown {
		p.add(u.Line, u.Column, "a window has "+windowFields, "unknown field %q in the window of %s", u.V, kind)
	}
	// claim records where a field is set, and refuses a second setting of
	// it by an older key that names only this kind.
	claim := func(field string, at field[string]) bool {
		if prev, ok := where[place{kind, field}]; ok && !prev.shared {
			p.add(at.Line, at.Column, "keep one of the two",
				"timings.windows.%s.%s and %s (line %d) both set it", kind, field, prev.key, prev.line)
			return false
		}
		where[place{kind, field}] = setting{key: "windows." + kind + "." + field, line: at.Line, column: at.Column}
		return true
	}
	w := ws[kind]
	if e.StartKey.Set && claim("start", e.StartKey) {
		var starts []calendar.Start
		for _, s := range e.Starts {
			st, err := calendar.ParseStart(s.V)
			if err != nil {
				p.add(s.Line, s.Column, windowFixes["start"], "%v", err)
				continue
			}
			starts = append(starts, st)
		}
		if len(starts) == len(e.Starts) && len(starts) > 0 {
			w.Starts = starts
		} else if len(e.Starts) == 0 {
			p.add(e.StartKey.Line, e.StartKey.Column, windowFixes["start"], "the window of %s has no start", kind)
		}
	}
	if e.Length.Set && claim("length", e.Length) {
		a, count, err := calendar.ParseLength(e.Length.V)
		switch {
		case w.Count == calendar.ByReference:
			p.add(e.Length.Line, e.Length.Column, "set only its start, such as 7 days before",
				"%s is due when the ban ends; it has no length of its own", kind)
		case err != nil:
			p.add(e.Length.Line, e.Length.Column, windowFixes["length"], "%v", err)
		default:
			w.Length, w.Count = a, count
		}
	}
	if e.AtLeast.Set && claim("at_least", e.AtLeast) {
		if a, err := calendar.ParseAmount(e.AtLeast.V); err != nil {
			p.add(e.AtLeast.Line, e.AtLeast.Column, windowFixes["at_least"], "%v", err)
		} else {
			w.AtLeast = a
		}
	}
	if e.After.Set && claim("after", e.After) {
		w.After = strings.TrimSpace(e.After.V)
		if w.After == "none" || w.After == "geen" {
			w.After = ""
		}
	}
	if e.Urgent.Set && claim("urgent", e.Urgent) {
		if a, err := calendar.ParseAmount(e.Urgent.V); err != nil {
			p.add(e.Urgent.Line, e.Urgent.Column, windowFixes["urgent"], "%v", err)
		} else {
			u := calendar.Window{Starts: []calendar.Start{{Kind: calendar.AtOnce}}, Urgent: true}
			if w.WhenUrgent != nil {
				u = *w.WhenUrgent
			}
			u.Length, u.Count = a, calendar.FromStart
			w.WhenUrgent = &u
		}
	}
	ws[kind] = w
}
