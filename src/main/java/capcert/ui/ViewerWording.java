package capcert.ui;

import capcert.capture.Limit;
import capcert.check.Wording;

/** The viewer's words. Its user cannot raise a scan limit, so a message that one was reached says only that. */
final class ViewerWording implements Wording {

    static final ViewerWording INSTANCE = new ViewerWording();

    private ViewerWording() {
    }

    @Override
    public String howToRaise(Limit limit) {
        return "";
    }
}
