package bot

import (
	"strconv"
	"strings"
)

// What a button carries back when it is clicked (Choice.Value), written and
// read in this one place. Values are short text with a prefix per kind,
// so buttons of messages sent by earlier versions keep working:
//
//	start                      start or continue a report
//	r:<conv>:<question>:<key>  an answer in a conversation
//	t:<task>:<action>          an action on a task ("ack", "snooze=1h" …)
//	o:<item>                   tick off an item of the set-up checklist
//	u:<item>                   open an item of the set-up checklist again
//	c:<number>:<yes|no>        accept or decline check-ins after an incident
//	tl:<page>                  the next page of /incident taken
type button struct {
	kind buttonKind
	// conv, question and key are an answer's; task and action a task's;
	// item a checklist item's; number and answer a check-in offer's.
	conv, question, key string
	task, action        string
	item                string
	number, answer      string
	page                int
}

type buttonKind int

const (
	unknownButton buttonKind = iota
	startButton
	answerButton
	taskButton
	checklistButton
	uncheckButton
	checkInOfferButton
	taskPageButton
)

// Value writes the button as a Choice.Value.
func (b button) Value() string {
	switch b.kind {
	case startButton:
		return "start"
	case answerButton:
		return "r:" + b.conv + ":" + b.question + ":" + b.key
	case taskButton:
		return "t:" + b.task + ":" + b.action
	case checklistButton:
		return "o:" + b.item
	case uncheckButton:
		return "u:" + b.item
	case checkInOfferButton:
		return "c:" + b.number + ":" + b.answer
	case taskPageButton:
		return "tl:" + strconv.Itoa(b.page)
	}
	return ""
}

// parseButton reads a Choice.Value; a value it does not know is an
// unknownButton.
func parseButton(v string) button {
	kind, rest, _ := strings.Cut(v, ":")
	switch kind {
	case "start":
		if rest == "" {
			return button{kind: startButton}
		}
	case "r":
		if p := strings.SplitN(rest, ":", 3); len(p) == 3 {
			return button{kind: answerButton, conv: p[0], question: p[1], key: p[2]}
		}
	case "t":
		// A task ID holds slashes and e-mail addresses, never a colon.
		if i := strings.LastIndex(rest, ":"); i > 0 {
			return button{kind: taskButton, task: rest[:i], action: rest[i+1:]}
		}
	case "o":
		if rest != "" {
			return button{kind: checklistButton, item: rest}
		}
	case "u":
		if rest != "" {
			return button{kind: uncheckButton, item: rest}
		}
	case "c":
		if number, answer, ok := strings.Cut(rest, ":"); ok {
			return button{kind: checkInOfferButton, number: number, answer: answer}
		}
	case "tl":
		if page, err := strconv.Atoi(rest); err == nil && page > 0 {
			return button{kind: taskPageButton, page: page}
		}
	}
	return button{}
}

// The buttons meldbot sends.
func startValue() string { return button{kind: startButton}.Value() }
func answerValue(conv, q, key string) string {
	return button{kind: answerButton, conv: conv, question: q, key: key}.Value()
}
func taskValue(task, action string) string {
	return button{kind: taskButton, task: task, action: action}.Value()
}
func checklistValue(item string) string { return button{kind: checklistButton, item: item}.Value() }
func uncheckValue(item string) string   { return button{kind: uncheckButton, item: item}.Value() }
func checkInOfferValue(number, answer string) string {
	return button{kind: checkInOfferButton, number: number, answer: answer}.Value()
}
func taskPageValue(page int) string { return button{kind: taskPageButton, page: page}.Value() }
