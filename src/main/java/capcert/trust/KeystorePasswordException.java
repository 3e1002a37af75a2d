package capcert.trust;

import java.nio.file.Path;

/** A keystore whose password is wrong, or an encrypted one for which none was given. */
public final class KeystorePasswordException extends CertificateFileException {

    private final boolean passwordGiven;

    KeystorePasswordException(Path file, boolean passwordGiven) {
        super(file, passwordGiven ? "wrong keystore password" : "encrypted PKCS#12 file: it cannot be read without its password");
        this.passwordGiven = passwordGiven;
    }

    /** True when the password given is wrong, false when the store is encrypted and none was given. */
    public boolean passwordGiven() {
        return passwordGiven;
    }

    /** The file and what is wrong, naming {@code passwordOption}, the face's way of giving the password. */
    public String message(String passwordOption) {
        return file() + ": " + (passwordGiven ? "wrong keystore password (" + passwordOption + ")"
                : "encrypted PKCS#12 file: give its password with " + passwordOption);
    }
}
