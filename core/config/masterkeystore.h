#pragma once

#include <QString>

#include "core/crypto/secretbox.h"
#include "core/result.h"

// Where the master key of a data dir lives, and the one place that decides it (README,
// "Where the master key lives"):
//
// - Auto (the default): in the OS keychain through QtKeychain, service "dy-gateway", key
//   "master-key-<first 16 hex digits of SHA-256 of the data dir's canonical path>", so a demo
//   data dir and the real one (or two installations on one account) never share an entry.
//   DIR/master.key.keychain records that entry's name: a data dir that was moved still finds
//   its key, and a data dir whose key is in the keychain is never given a fresh one silently.
// - With no keychain (no session bus, no Secret Service, no answer within 3 s): DIR/master.key,
//   0600, as before. A later start with a keychain moves it in.
// - File (DYGW_KEY_STORE=file): always DIR/master.key, the keychain is not asked. For chain mode,
//   where every till must hold the same key, and for servers without a desktop session.
//
// Moving a master.key in: write it to the keychain, read it back and compare, record the entry
// in the marker file, and only then remove the file; any failure keeps the file, which stays
// in use. A key in the keychain and a different master.key is refused: either may be the one
// that sealed the database, and guessing wrong would make every secret unreadable.
class MasterKeyStore
{
public:
    static constexpr auto SERVICE = "dy-gateway";
    static constexpr auto MARKER_FILE_NAME = "master.key.keychain";
    static constexpr auto MODE_VARIABLE = "DYGW_KEY_STORE";

    enum class Mode { Auto, File };

    // DYGW_KEY_STORE: unset, empty or "auto" → Auto; "file" → File; anything else is
    // ErrorCode::BadConfig naming the variable.
    static Result<Mode> modeFromEnvironment();
    // The keychain entry's name for a data dir (an existing marker file wins over it).
    static QString keyNameFor(const QString &dataDir);

    // The master key of dataDir, created when there is none; the box's storage() says where it
    // is. Blocks for at most a few seconds when the keychain does not answer (call it off the
    // GUI thread, or before the window shows).
    static Result<SecretBox> open(const QString &dataDir);
    static Result<SecretBox> open(const QString &dataDir, Mode mode);
};
