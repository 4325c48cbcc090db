package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// personalData is everything meldbot stores about a person, as the file
// /incident mijn gegevens sends them (the AVG's right of access, article 15).
type personalData struct {
	Made   time.Time `json:"made"`
	Person struct {
		Email      Email         `json:"email"`
		Name       string        `json:"name,omitempty"`
		Roles      []policy.Role `json:"roles,omitempty"`
		Department string        `json:"department,omitempty"`
		Locations  []string      `json:"locations,omitempty"`
		Language   locale.Lang   `json:"language,omitempty"`
	} `json:"organisation_file"`
	Prefs        *Prefs        `json:"preferences,omitempty"`
	Conversation *Conversation `json:"report_in_progress,omitempty"`
	Incidents    []Incident    `json:"incidents"`
	Tasks        []Task        `json:"tasks"`
	Checks       []Check       `json:"checklist"`
	Audit        []AuditEntry  `json:"audit_trail"`
}

// myData handles /incident mijn gegevens: a summary of everything stored
// about the person, and all of it as a JSON file. Reports they made for
// someone else hold what they reported, not what was recorded about the
// other person afterwards.
func (t *turn) myData() error {
	me := t.person.Email
	var d personalData
	d.Made = t.now
	if p, ok := t.b.org.Person(me); ok {
		d.Person.Email, d.Person.Name, d.Person.Roles = me, p.Name, p.Roles
		d.Person.Department, d.Person.Locations, d.Person.Language = p.Department, p.Locations, p.Language
	} else {
		d.Person.Email = me
	}
	if p, err := t.tx.Prefs(me); err == nil {
		d.Prefs = &p
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	if c, ok, err := t.conversation(); err != nil {
		return err
	} else if ok {
		d.Conversation = c
	}
	own, err := t.ownIncidents("my_data")
	if err != nil {
		return err
	}
	var audit []AuditEntry
	read := func(number string) {
		if number != "" && !slices.ContainsFunc(audit, func(e AuditEntry) bool { return e.Incident == number }) {
			audit = append(audit, readFor(me, number, "my_data"))
		}
	}
	for _, v := range own {
		inc := v.inc
		if v.access < FullAccess {
			inc = asReported(inc)
		}
		d.Incidents = append(d.Incidents, inc)
		read(inc.Number)
	}
	tasks, err := t.tx.TasksOf(me)
	if err != nil {
		return err
	}
	for _, task := range tasks {
		full := task.Incident == ""
		if inc, err := t.tx.Incident(task.Incident); err == nil {
			full = t.b.org.AccessTo(t.person, inc) == FullAccess
		}
		if !full {
			task = myPartOf(task, me)
		}
		d.Tasks = append(d.Tasks, task)
		read(task.Incident)
	}
	checks, err := t.tx.Checks()
	if err != nil {
		return err
	}
	for _, c := range checks {
		if c.By == me {
			d.Checks = append(d.Checks, c)
		}
	}
	if d.Audit, err = t.tx.AuditBy(me); err != nil {
		return err
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("my data: %w", err)
	}
	text, err := t.myDataSummary(d, own)
	if err != nil {
		return err
	}
	return t.reply(Message{Text: text, File: &File{Name: "meldbot-mijn-gegevens.json", ContentType: "application/json", Data: data}}, audit...)
}

// myPartOf returns what of a task about someone else's incident is about
// the person: that it came to them and what they did — not the outcome
// others recorded, nor who else was asked.
func myPartOf(task Task, me Email) Task {
	part := Task{ID: task.ID, Kind: task.Kind, Row: task.Row, Incident: task.Incident, Created: task.Created,
		Start: task.Start, Due: task.Due, State: task.State}
	if task.Assignee == me {
		part.Assignee = me
	}
	for _, e := range task.History {
		if e.By == me {
			part.History = append(part.History, e)
		}
	}
	return part
}

// asReported returns the incident as it was reported: without what the
// follow-up recorded about the person it happened to.
func asReported(inc Incident) Incident {
	inc.FirstCareAt, inc.FirstCareBy = time.Time{}, ""
	inc.CareGivenAt, inc.CareGivenBy = time.Time{}, ""
	inc.Recorded = nil
	return inc
}
