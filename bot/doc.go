// Package bot is the domain of meldbot: incidents, the report conversation,
// the people and roles of the organisation, and the rules that decide who is
// told what and when.
//
// The package never talks to a chat platform or a database directly. It
// declares what it needs as small interfaces (Chat, Store, Clock) and the
// adapters, storage and schedules packages implement them. Every incoming
// event is handled the same way: load the state, apply one step, save the new
// state together with the messages it causes, then let the outbox deliver
// those messages. Nothing lives only in memory, so a restart loses nothing.
package bot
