package bottest

import (
	"cmp"
	"context"
	"fmt"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/form"
	"meldbot/bot/register"
	"meldbot/bot/when"
)

// Amsterdam is the time zone of the sample organisation.
var Amsterdam = mustLoad("Europe/Amsterdam")

// SampleNow is the moment the generated register's answers hold at: Friday
// 27 November 2026, 15:00 in Amsterdam.
var SampleNow = time.Date(2026, 11, 27, 15, 0, 0, 0, Amsterdam)

// SampleRegister fills s with a generated register with known answers, for
// the figures of the overviews. The incidents are given as data below; the
// answers are worked out by hand from them, not by the code under test.
//
// Q3 2026 (1 July – 30 September), 11 incidents:
//   - Publiekszaken 10, Sociaal Domein 1 (a department with a single
//     incident), Openbare Ruimte 0;
//   - verbal aggression 10, threat 2 (two incidents are both), physical 1;
//   - Stadhuis 7, Wijkpost Noord 4; serious 3;
//   - police report 4, police record only 1; measures: warning letter 2,
//     ban 1, none 1;
//   - first care taken up after 10, 20, …, 100 minutes: median 55 min,
//     90th percentile 90 min; given (in nine of them) after 40, 45, 60,
//     75, 90, 100, 120, 150 and 200 minutes: median 90 min, 90th
//     percentile 200 min (the ninth of nine); one still to be given (the
//     serious incident of Sociaal Domein, whose first care is open);
//   - aftercare: on time 6, late 2, overdue 1, not due yet 1, not needed 1;
//   - open duties 4, of which 2 overdue (on 27 November 2026); a check-in
//     left open is no duty;
//   - per month: July 4 (verbal 4, threat 2), August 4 (verbal 3, physical
//     1), September 3 (verbal 3);
//   - one incident happened on 30 September and was reported on 2 October.
//
// Q2 2026: 8 incidents (5 Publiekszaken verbal, 3 Openbare Ruimte threat at
// the depot). Q3 2025: 11 incidents (Publiekszaken, verbal).
// The year boundary: one incident at 31 December 2025 23:30 and one at
// 1 January 2026 00:15 in Amsterdam — 23:15 UTC on 31 December, so counting
// in UTC would put it in the wrong year. 2025 has 12 incidents, 2026 has 20.
// 2024 has none.
func SampleRegister(t testing.TB, s bot.Store) {
	t.Helper()
	err := s.Update(context.Background(), func(tx bot.Tx) error {
		for _, si := range sampleIncidents() {
			inc, tasks := si.build()
			if err := Import(tx, inc, tasks, SampleNow); err != nil {
				return fmt.Errorf("%s: %w", si.number, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sampleIncident describes one incident of the generated register.
type sampleIncident struct {
	number    string
	at        string // occurred, "2006-01-02 15:04" in Amsterdam
	reported  string // "" is an hour after it happened
	dept, loc string
	cats      []register.Category
	serious   bool
	police    string // aangifte, melding or ""
	firstCare int    // minutes after the report; 0 none
	careGiven int    // minutes after the report; 0 none
	measure   string
	tasks     []sampleTask
}

// sampleTask is a task of a sample incident: its deadline relative to when
// the incident was reported, and when it was done (relative to the
// deadline), or open, or not needed.
type sampleTask struct {
	kind      bot.TaskKind
	due       time.Duration // after the report; or absolute when dueAt is set
	dueAt     string
	done      *time.Duration // relative to the deadline; nil while open
	notNeeded bool
}

func doneAfter(d time.Duration) *time.Duration { return &d }

func amsterdam(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Amsterdam)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	talkOnTime = sampleTask{kind: bot.TaskAftercareTalk, due: 72 * time.Hour, done: doneAfter(-time.Hour)}
	talkLate   = sampleTask{kind: bot.TaskAftercareTalk, due: 72 * time.Hour, done: doneAfter(24 * time.Hour)}
	talkOpen   = sampleTask{kind: bot.TaskAftercareTalk, due: 72 * time.Hour}
)

func sampleIncidents() []sampleIncident {
	verbal, threat := register.CatVerbal, register.CatThreat
	incs := []sampleIncident{
		{number: "GIR-2026-0101", at: "2026-07-02 10:00", dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal, threat}, serious: true,
			police: "aangifte", firstCare: 10, careGiven: 40, measure: "warning_letter", tasks: []sampleTask{talkOnTime}},
		{number: "GIR-2026-0102", at: "2026-07-09 11:00", dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal, threat},
			police: "aangifte", firstCare: 20, careGiven: 60, measure: "warning_letter", tasks: []sampleTask{talkOnTime}},
		{number: "GIR-2026-0103", at: "2026-07-16 12:00", dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal},
			police: "aangifte", firstCare: 30, careGiven: 45, measure: "ban", tasks: []sampleTask{talkOnTime,
				{kind: bot.TaskCheckIn, dueAt: "2026-08-01 09:00"}}},
		{number: "GIR-2026-0104", at: "2026-07-30 13:00", dept: "publiekszaken", loc: "wijkpost", cats: []register.Category{verbal},
			police: "melding", firstCare: 40, careGiven: 90, measure: "none", tasks: []sampleTask{talkOnTime,
				{kind: bot.TaskFollowUp, due: 14 * 24 * time.Hour, notNeeded: true}}},
		{number: "GIR-2026-0105", at: "2026-08-06 09:00", dept: "publiekszaken", loc: "wijkpost", cats: []register.Category{verbal}, serious: true,
			firstCare: 50, careGiven: 120, tasks: []sampleTask{talkOnTime, {kind: bot.TaskAnalysis, dueAt: "2026-12-10 17:00"}}},
		{number: "GIR-2026-0106", at: "2026-08-13 09:00", dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal},
			firstCare: 60, careGiven: 75, tasks: []sampleTask{talkOnTime}},
		{number: "GIR-2026-0107", at: "2026-08-20 09:00", dept: "publiekszaken", loc: "wijkpost", cats: []register.Category{verbal},
			firstCare: 70, careGiven: 150, tasks: []sampleTask{talkLate}},
		{number: "GIR-2026-0108", at: "2026-09-03 09:00", dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal},
			firstCare: 80, careGiven: 100, tasks: []sampleTask{talkLate}},
		{number: "GIR-2026-0109", at: "2026-09-10 09:00", dept: "publiekszaken", loc: "wijkpost", cats: []register.Category{verbal},
			firstCare: 90, careGiven: 200, tasks: []sampleTask{talkOpen}},
		{number: "GIR-2026-0110", at: "2026-09-30 23:30", reported: "2026-10-02 09:00", dept: "publiekszaken", loc: "stadhuis",
			cats: []register.Category{verbal}, firstCare: 100, tasks: []sampleTask{{kind: bot.TaskFollowUp, dueAt: "2026-12-04 17:00"}}},
		{number: "GIR-2026-0111", at: "2026-08-15 14:00", dept: "sociaal", loc: "stadhuis", cats: []register.Category{register.CatPhysical}, serious: true,
			police: "aangifte", tasks: []sampleTask{{kind: bot.TaskFirstCare, due: 30 * time.Minute}}},
		// The year boundary.
		{number: "GIR-2025-0900", at: "2025-12-31 23:30", dept: "buitendienst", loc: "werf", cats: []register.Category{verbal}},
		{number: "GIR-2026-0001", at: "2026-01-01 00:15", dept: "buitendienst", loc: "werf", cats: []register.Category{threat}},
	}
	for i := range 5 { // Q2 2026, Publiekszaken
		incs = append(incs, sampleIncident{number: fmt.Sprintf("GIR-2026-%04d", 201+i), at: time.Date(2026, 4, 6+14*i, 10, 0, 0, 0, Amsterdam).Format("2006-01-02 15:04"),
			dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal}})
	}
	for i := range 3 { // Q2 2026, Openbare Ruimte
		incs = append(incs, sampleIncident{number: fmt.Sprintf("GIR-2026-%04d", 206+i), at: fmt.Sprintf("2026-06-%02d 10:00", 1+7*i),
			dept: "buitendienst", loc: "werf", cats: []register.Category{threat}})
	}
	for i := range 11 { // Q3 2025
		incs = append(incs, sampleIncident{number: fmt.Sprintf("GIR-2025-%04d", 301+i), at: fmt.Sprintf("2025-%02d-%02d 10:00", 7+i/4, 1+7*(i%4)),
			dept: "publiekszaken", loc: "stadhuis", cats: []register.Category{verbal}})
	}
	return incs
}

// build makes the incident and its tasks.
func (si sampleIncident) build() (bot.Incident, []bot.Task) {
	occurred := amsterdam(si.at)
	reported := occurred.Add(time.Hour)
	if si.reported != "" {
		reported = amsterdam(si.reported)
	}
	var cats []string
	for _, c := range si.cats {
		cats = append(cats, string(c))
	}
	report := form.Answers{
		"categories":  {Keys: cats},
		"when":        {Moment: &when.Moment{Time: occurred, Precision: when.Minute}},
		"department":  {Keys: []string{cmp.Or(si.dept, "none")}},
		"location":    {Keys: []string{cmp.Or(si.loc, "elsewhere")}},
		"description": {Text: "Een gegenereerde melding."},
	}
	inc := bot.Incident{Number: si.number, ReportedAt: reported,
		Reporter: "sample@voorbeeldrode.nl", ReporterName: "Sample", Subject: "sample@voorbeeldrode.nl", SubjectName: "Sample",
		Report: report, Recorded: form.Answers{}, Serious: si.serious, MarkedSerious: si.serious, Status: bot.StatusOpen}
	key := func(a form.Answers, id, k string) { a[id] = form.Answer{Keys: []string{k}} }
	switch si.police {
	case "aangifte": // made before the report, its reference given in it
		key(report, "police", "done")
		report["police_ref"] = form.Answer{Text: "PV-" + si.number}
	case "melding": // supported by the manager, who recorded its reference
		key(report, "police", "no")
		key(report, "melding", "yes")
		key(inc.Recorded, "police_outcome", "melding")
		inc.Recorded["police_reference"] = form.Answer{Text: "ML-" + si.number}
	}
	if si.firstCare > 0 {
		inc.FirstCareAt = reported.Add(time.Duration(si.firstCare) * time.Minute)
		inc.FirstCareBy = "peter.bakker@voorbeeldrode.nl"
	}
	if si.careGiven > 0 {
		inc.CareGivenAt = reported.Add(time.Duration(si.careGiven) * time.Minute)
		inc.CareGivenBy = "peter.bakker@voorbeeldrode.nl"
	}
	if si.measure != "" {
		key(inc.Recorded, "measure", si.measure)
	}
	var tasks []bot.Task
	for _, st := range si.tasks {
		due := reported.Add(st.due)
		if st.dueAt != "" {
			due = amsterdam(st.dueAt)
		}
		task := bot.Task{ID: si.number + "/" + string(st.kind), Kind: st.kind, Incident: si.number, Assignee: "peter.bakker@voorbeeldrode.nl",
			Created: reported, Start: reported, Due: due, State: bot.TaskOpen}
		switch {
		case st.notNeeded:
			task.State = bot.TaskNotNeeded
			task.History = []bot.TaskEvent{{At: due.Add(-time.Hour), By: task.Assignee, What: "not_needed", Note: "al besproken"}}
		case st.done != nil:
			task.State = bot.TaskDone
			task.History = []bot.TaskEvent{{At: due.Add(*st.done), By: task.Assignee, What: "done"}}
		}
		tasks = append(tasks, task)
	}
	return inc, tasks
}
