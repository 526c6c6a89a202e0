package dev.shutter.serviceauth;

/** The token a calling service presents; implementations cache it until shortly before it expires. */
public interface ServiceCredentials {

    String token();
}
