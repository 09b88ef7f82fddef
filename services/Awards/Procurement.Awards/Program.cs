// The host comes with the rest of the award issue; the domain rules are first.
return 0;
