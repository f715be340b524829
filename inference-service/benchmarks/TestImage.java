import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;

/** A JPEG of SIZExSIZE pixels (a dark disc on a light background) for wrk.sh: java TestImage.java SIZE FILE */
public class TestImage {
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        var g = image.createGraphics();
        g.setColor(new Color(200, 230, 210));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(20, 40, 90));
        g.fillOval(size / 5, size / 5, 3 * size / 5, 3 * size / 5);
        g.dispose();
        ImageIO.write(image, "jpg", new File(args[1]));
    }
}
