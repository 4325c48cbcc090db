package bot

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"meldbot/bot/form"
)

// Conversation is a form being filled in — a report, or the outcome of a
// task: which question is open and every answer given so far. It is stored
// after every answer, before the bot replies, so a restart continues at the
// same question. A person has at most one conversation; a task form started
// during a report parks the report and gives it back when done.
type Conversation struct {
	ID   string `json:"id"`
	User Email  `json:"user"` // who is typing
	// Form is the form being filled in; empty means the report.
	Form string `json:"form,omitempty"`
	// Task is the task whose outcome a task form records.
	Task string `json:"task,omitempty"`
	// Parked is a report that waits while a task form is filled in.
	Parked *Conversation `json:"parked,omitempty"`
	// Subject is who the incident happened to, when the reporter reports
	// for someone else (G9); empty when it is the reporter.
	Subject     Email  `json:"subject,omitempty"`
	SubjectName string `json:"subject_name,omitempty"`

	Step    string       `json:"step"`
	Answers form.Answers `json:"answers"`
	// Selecting holds the choices ticked so far on a multiple-choice step.
	Selecting []string `json:"selecting,omitempty"`
	// Resume is the step to return to after the summary's side steps
	// (change an answer, confirm cancel).
	Resume string `json:"resume,omitempty"`
	// Pending is what the current question asks before its answer is
	// stored: which reading of a time, who a name is, the rest of a text.
	Pending *form.Pending `json:"pending,omitempty"`
	// Editing is set while one answer is changed from the summary: going
	// back returns to the summary.
	Editing bool `json:"editing,omitempty"`
	// Listed is the multiple-choice question just answered by a typed
	// list: a "Verder" that follows belongs to it and is no mistake.
	Listed string `json:"listed,omitempty"`

	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
	// Reminded is set when the person was reminded of a report they left
	// unfinished; answering again clears it.
	Reminded bool `json:"reminded,omitempty"`
}

// isReport reports whether the conversation is a report rather than a
// task form.
func (c Conversation) isReport() bool { return c.Form == "" || c.Form == reportForm.ID }

// about returns who a report is about: the subject, or else the reporter.
func (c Conversation) about() Email {
	if c.Subject != "" {
		return c.Subject
	}
	return c.User
}

// newID returns a random identifier for a conversation.
func newID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
