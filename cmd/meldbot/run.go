package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"meldbot/adapters/admin"
	"meldbot/adapters/console"
	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/outbox"
	"meldbot/schedules"
	"meldbot/storage"
)

// runBot starts the bot on the chosen chat platform and runs until it is
// stopped (SIGINT, SIGTERM) or, for the console, until the input ends.
func runBot(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "organisation file")
	dataPath := fs.String("data", envOr("MELDBOT_DATA", "meldbot.db"), "data file")
	as := fs.String("as", "", "console: who types first")
	start := fs.String("now", "", `console: start the clock at this moment, e.g. "2026-12-04 16:00"`)
	adminAddr := fs.String("admin", "", "admin listener: host:port, or off")
	if err := parseFlags(fs, args); err != nil {
		return err
	}

	platform := choosePlatform()
	if *start != "" && platform != "console" {
		return &exitError{code: 2, err: fmt.Errorf("--now is for the console only; on %s the clock is the real one", platform)}
	}
	org, orgName, err := loadOrg(*configPath, platform == "console")
	if err != nil {
		return err
	}
	var travel *travelClock // the console's clock, which /tijd moves
	if platform == "console" {
		if travel, err = newTravelClock(*start, org); err != nil {
			return err
		}
	}
	duties, err := schedules.Load(org, orgName)
	if err != nil {
		return err
	}
	adminAt, err := adminListen(*adminAddr, platform == "console")
	if err != nil {
		return err
	}
	if dir := org.Backup.Dir; dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("the backup directory of the organisation file: %w", err)
		}
	}
	level := zerolog.InfoLevel
	if platform == "console" {
		level = zerolog.WarnLevel // keep the terminal for the conversation
	}
	log := newLogger(stderr, level)

	// The platform's settings are checked before the data file is opened:
	// a mistake there is said at once, and creates no data file.
	var chat bot.Chat
	var openChat func(bot.Store) (bot.Chat, error) // a chat server's adapter
	switch platform {
	case "console":
	case "slack":
		if openChat, err = newSlack(log); err != nil {
			return err
		}
	case "mattermost":
		if openChat, err = newMattermost(log); err != nil {
			return err
		}
	default:
		return fmt.Errorf("platform %q is not available in this build", platform)
	}

	// On a chat server meldbot serves at once, whatever the size of the
	// data file: it checks the meta pages now, every other page while it
	// serves (on a copy, see Store.CheckPages), and stops when that finds
	// damage. The console checks it all first.
	open := storage.OpenQuick
	if platform == "console" {
		open = storage.Open
	}
	store, err := open(*dataPath)
	if err != nil {
		return openError(err, *dataPath, org)
	}
	defer store.Close()
	log.Info().Str("organisation", org.Name).Str("file", orgName).Str("data", *dataPath).Str("platform", platform).
		Str("version", buildVersion()).Msg("meldbot starting")
	for _, n := range store.Notices() {
		log.Error().Str("data", *dataPath).Str("latest_backup", latestBackup(org)).Msg("the data file: " + n)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	texts, err := locale.NewCatalog()
	if err != nil {
		return err
	}
	var clock bot.Clock = bot.SystemClock{}
	var timeline *schedules.Timeline
	var dispatcher *outbox.Dispatcher
	switch platform {
	case "console":
		clock = travel
		c, err := console.New(stdin, stdout, org, texts, console.Options{
			As:     *as,
			Echo:   !isTerminal(stdin),
			Prompt: isTerminal(stdin),
			Styled: isTerminal(stdout),
			// After each line, what became due is done at once, and
			// every reply delivered, so it shows before the next line.
			Settle: func(ctx context.Context) error { return timeline.Until(ctx, travel.Now(), flushAt(dispatcher)) },
			Clock:  clock,
			Travel: func(ctx context.Context, to time.Time) error { return timeline.Until(ctx, to, flushAt(dispatcher)) },
			Files:  filepath.Join(filepath.Dir(*dataPath), "meldbot-files"),
		})
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		chat = c
	default:
		if chat, err = openChat(store); err != nil {
			return err
		}
	}
	// Metrics wrap what the bot handles and what the outbox delivers; the
	// bot itself knows nothing of them.
	metrics := admin.NewMetrics(buildVersion(), figures(store))
	metrics.SetLink(chat)
	dispatcher = outbox.New(store, metrics.Chat(chat), clock, log)
	if platform != "console" {
		// A chat server serves many people: one person's rate limit must
		// not hold up the others. The console keeps the exact order.
		dispatcher.Parallel(8)
	}
	b, err := bot.New(bot.Config{Org: org, Store: store, Clock: clock, Log: log, Catalog: texts, Wake: dispatcher.Wake})
	if err != nil {
		return err
	}
	dispatcher.OnUnreachable(b.Unreachable)
	backups := newBackupper(store, org.Backup, metrics, log)
	if adminAt != "" {
		stopAdmin, err := startAdmin(ctx, adminAt, store, metrics, backups, log)
		if err != nil {
			return err
		}
		defer stopAdmin()
	}
	// The organisation file may have changed since the last run: the open
	// tasks of people who left, or lost the role, go to someone who has it.
	// On a chat server that happens while meldbot serves, on the console
	// before the first line.
	reassign := func() {
		if _, err := b.ReassignTasks(ctx); err != nil {
			log.Error().Err(err).Msg("handing over the tasks of people who left or changed roles failed")
		}
	}
	cycle := schedules.NewCycle(b, duties, clock, log)
	cycle.OnStarted(metrics.CycleStarted)

	var wg sync.WaitGroup
	var damaged error // what the check made while serving found
	if platform == "console" {
		reassign()
	} else {
		wg.Go(func() {
			began := time.Now()
			switch err := store.CheckPages(ctx); {
			case errors.Is(err, storage.ErrDamaged):
				damaged = openError(err, *dataPath, org)
				log.Error().Err(damaged).Msg("meldbot stops")
				stop()
				return
			case ctx.Err() != nil:
				return // stopping
			case err != nil:
				// No room for the copy, say: meldbot goes on unchecked,
				// as a backup's check or `meldbot verify` can check later.
				log.Error().Err(err).Msg("the data file could not be checked")
			default:
				log.Info().Dur("took", time.Since(began)).Msg("the data file is checked: every page in use reads")
			}
			reassign() // reads every task: after the check, not beside it
		})
	}
	wg.Go(func() { _ = dispatcher.Run(ctx) })
	if travel != nil {
		// The console does the same work on its own clock, which /tijd
		// moves forward.
		timeline = schedules.NewTimeline(b, store, cycle, travel, log)
		wg.Go(func() { timeline.Run(ctx, schedules.DueEvery, flushAt(dispatcher)) })
	} else {
		wg.Go(func() { schedules.Every(ctx, "due tasks", schedules.DueEvery, b.FireDue, log) })
		wg.Go(func() { schedules.RunRetention(ctx, b, schedules.PurgeEvery, log) })
		wg.Go(func() { schedules.Every(ctx, "draft reports", schedules.TidyEvery, b.TidyDrafts, log) })
		wg.Go(func() { schedules.Every(ctx, "handled events", schedules.TidyEvery, b.TidyInbox, log) })
		wg.Go(func() { cycle.Run(ctx) })
	}
	// Backups keep the real data file safe, on the real clock: moving the
	// console's clock forward does not age the file, so time travel takes
	// none.
	if backups.scheduled() {
		wg.Go(func() { schedules.Every(ctx, "backup", time.Minute, backups.due, log) })
	}
	runErr := chat.Run(ctx, metrics.Handler(b))
	// The console ends with its input; deliver what is left, then stop.
	// What cannot be delivered within the grace period stays in the outbox
	// for the next start.
	flushCtx, cancelFlush := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelFlush()
	if err := dispatcher.Flush(flushCtx); err != nil {
		log.Error().Err(err).Msg("delivering the last messages failed")
	}
	stop()
	wg.Wait()
	if damaged != nil {
		return damaged
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return runErr
	}
	log.Info().Msg("meldbot stopped")
	return nil
}

// choosePlatform picks the chat platform from the environment.
func choosePlatform() string {
	switch {
	case os.Getenv("MELDBOT_MATTERMOST_URL") != "":
		return "mattermost"
	case os.Getenv("MELDBOT_SLACK_BOT_TOKEN") != "":
		return "slack"
	}
	return "console"
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
