package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"meldbot/bot/form"
	"meldbot/bot/locale"
)

// MaxInput is the longest message the bot accepts, in characters.
const MaxInput = 4000

// commandWords maps the words after /incident, Dutch and English, to what
// they do.
var commandWords = map[string]string{
	"":       "report",
	"melden": "report", "melding": "report", "report": "report", "nieuw": "report", "new": "report",
	"help": "help", "hulp": "help", "?": "help",
	"taal": "lang", "language": "lang", "lang": "lang",
	"stop": "cancel", "stoppen": "cancel", "cancel": "cancel", "annuleer": "cancel", "annuleren": "cancel",
	"taken": "tasks", "tasks": "tasks", "taak": "tasks", "todo": "tasks",
	"voor": "for", "for": "for", "namens": "for",
	"rol": "role", "role": "role", "rolkaart": "role",
	"beleid": "policy", "policy": "policy", "inrichting": "policy", "setup": "policy",
	"mijn": "mine", "my": "mine", "mine": "mine", "mijnmeldingen": "mine",
	"toon": "show", "show": "show", "bekijk": "show", "view": "show",
	"overzicht": "overview", "overview": "overview", "overzichten": "overview",
	"export": "export", "exporteer": "export", "exporteren": "export", "csv": "export", "excel": "export",
	"audit": "audit", "logboek": "audit", "log": "audit",
}

// command handles /incident and its sub-commands.
func (t *turn) command(args string) error {
	if msg, ok := t.checkInput(args, false); !ok {
		return t.reply(Message{Text: msg})
	}
	word, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	rest = strings.TrimSpace(rest)
	switch commandWords[form.Fold(word)] {
	case "report":
		return t.startOrResume()
	case "help":
		return t.help()
	case "lang":
		return t.setLang(rest)
	case "tasks":
		return t.listTasksCommand(rest)
	case "for":
		return t.reportFor(rest)
	case "role":
		return t.roleCard()
	case "policy":
		return t.policy()
	case "mine":
		return t.mineCommand(rest)
	case "show":
		return t.showCommand(rest)
	case "overview":
		return t.overviewCommand(rest)
	case "export":
		if f, ok := ParseExportFormat(word); ok {
			rest += " " + string(f) // /incident csv 2026-Q3
		}
		return t.exportCommand(rest)
	case "audit":
		return t.auditCommand(rest)
	case "cancel":
		if c, ok, err := t.conversation(); err != nil || ok {
			if err != nil {
				return err
			}
			return t.form(c).askCancel()
		}
		return t.reply(Message{Text: t.tr.T("report.nothing_to_cancel")})
	}
	return t.reply(Message{Text: t.tr.T("command.unknown", "Word", word) + "\n\n" + t.commandList()})
}

// text handles a direct message.
func (t *turn) text(body string) error {
	c, inReport, err := t.conversation()
	if err != nil {
		return err
	}
	if inReport {
		r := t.form(c)
		if msg, ok := t.checkInput(body, r.takesLong()); !ok {
			return r.correct(msg)
		}
		return r.onText(body)
	}
	if msg, ok := t.checkInput(body, false); !ok {
		return t.reply(Message{Text: msg})
	}
	switch commandWords[form.Fold(body)] {
	case "help":
		return t.help()
	case "report":
		if form.Fold(body) != "" {
			return t.startOrResume()
		}
	}
	return t.reply(Message{
		Text:    t.tr.T("idle.hello", "Name", firstName(t.person.DisplayName())),
		Choices: []Choice{{Label: t.tr.T("idle.start"), Value: startValue(), Style: StylePrimary}},
	})
}

// action handles a button click.
func (t *turn) action(value string) error {
	b := parseButton(value)
	switch b.kind {
	case startButton:
		return t.startOrResume()
	case answerButton:
		return t.answerButton(b.conv, b.question, b.key)
	case taskButton:
		return t.taskAction(b.task, b.action)
	case checklistButton:
		return t.tick(b.item, true)
	case uncheckButton:
		return t.tick(b.item, false)
	case checkInOfferButton:
		return t.checkInOffer(b.number, b.answer)
	case taskPageButton:
		return t.nextTasks(b.page)
	}
	t.b.log.Warn().Str("user", string(t.person.Email)).Str("value", value).Msg("unknown button value")
	return t.reply(Message{Text: t.tr.T("action.unknown")})
}

// answerButton handles an answer clicked in a conversation: the one in
// progress, or one that is over or waits behind another.
func (t *turn) answerButton(conv, stepID, key string) error {
	c, inForm, err := t.conversation()
	if err != nil {
		return err
	}
	switch {
	case inForm && c.ID == conv:
		return t.form(c).onChoice(stepID, key)
	case inForm && c.Parked != nil && c.Parked.ID == conv:
		return t.form(c).ask(t.tr.T("form.busy"))
	}
	if err := t.update(t.ref, Message{Text: t.tr.T("report.stale_button")}); err != nil {
		return err
	}
	return t.reply(Message{Text: t.tr.T("report.finished_button")})
}

// reportFor starts a report for a colleague (G9): security guards,
// managers and coordinators may report on someone else's behalf.
func (t *turn) reportFor(who string) error {
	if !mayReportFor(t.person) {
		return t.refuse("for")
	}
	subject, ok := t.b.org.Find(who)
	if !ok {
		return t.reply(Message{Text: t.tr.T("for.unknown", "Who", who)})
	}
	if c, ok, err := t.conversation(); err != nil {
		return err
	} else if ok && c.isReport() && c.about() != subject.Email {
		// A report about someone else is waiting: finish or stop it
		// first, so no incident is filed under the wrong name.
		about := c.SubjectName
		if c.Subject == "" {
			about = t.tr.T("for.yourself")
		}
		return t.form(c).ask(t.tr.T("for.busy", "Name", about))
	}
	if subject.Email == t.person.Email {
		return t.startOrResume()
	}
	return t.startOrResume(subject)
}

// setLang changes the language the bot speaks with the person.
func (t *turn) setLang(arg string) error {
	lang, ok := locale.ParseLang(arg)
	if !ok {
		return t.reply(Message{Text: t.tr.T("lang.unknown")})
	}
	if err := t.tx.PutPrefs(Prefs{User: t.person.Email, Lang: lang}); err != nil {
		return err
	}
	t.tr = t.b.texts.In(lang)
	if err := t.reply(Message{Text: t.tr.T("lang.set")}); err != nil {
		return err
	}
	if c, ok, err := t.conversation(); err != nil || ok {
		if err != nil {
			return err
		}
		return t.form(c).ask()
	}
	return nil
}

// checkInput refuses text that is too long or holds control characters, with
// the friendly correction to show. A question that reads a long text over
// several messages (long) takes a message of any length and keeps what fits.
func (t *turn) checkInput(s string, long bool) (string, bool) {
	if !utf8.ValidString(s) {
		return t.tr.T("input.invalid"), false
	}
	if n := utf8.RuneCountInString(s); n > MaxInput && !long {
		return t.tr.T("input.too_long", "Max", MaxInput, "Length", n), false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return t.tr.T("input.control"), false
		}
	}
	return "", true
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 && !strings.Contains(f[0], "@") {
		return f[0]
	}
	return ""
}
