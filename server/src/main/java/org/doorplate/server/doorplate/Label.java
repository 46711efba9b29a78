package org.doorplate.server.doorplate;

/** The fixed words of the scan pages, in each {@link Language}. */
public enum Label {
    ADDRESS("标准地址", "Standard address"),
    POSTCODE("邮政编码", "Postcode"),
    POSITION("坐标", "Position"),
    BUILDING("栋", "Building"),
    UNIT("单元", "Unit"),
    NAME_SECTION("地名信息", "About the name"),
    MEANING("含义", "Meaning"),
    HISTORY("历史沿革", "History"),
    FORMERLY("曾用名", "Formerly"),
    ALIAS("别名", "Also called"),
    COMMUNITY("社区服务", "Community office"),
    SERVICES("附近公共服务", "Nearby public services"),
    NO_SERVICES("附近暂无登记的公共服务。", "No public services recorded nearby."),
    EMERGENCY("紧急电话", "Emergency numbers"),
    POLICE("报警", "Police"),
    FIRE("火警", "Fire"),
    AMBULANCE("急救", "Ambulance"),
    TRAFFIC("交通事故", "Traffic accident"),
    HOUSEHOLDS("住户信息（仅限授权人员，查看已记录）", "Households (authorised staff only; this view is logged)"),
    NO_HOUSEHOLDS("未登记住户。", "No households registered."),
    MEMBERS("人", "members"),
    REPORT("报告门牌问题", "Report a problem with this plate"),
    CATEGORY("问题类型", "Problem"),
    DESCRIPTION("情况说明（最多500字）", "Description (up to 500 characters)"),
    CONTACT("联系方式（选填）", "Contact (optional)"),
    SEND("提交", "Send"),
    OTHER_LANGUAGE("English", "中文"),
    FOOTER("门牌信息由地名管理部门提供", "Doorplate information from the place-name office"),
    RETIRED_TITLE("此门牌已停用", "This doorplate is no longer in use"),
    RETIRED_SUCCESSOR("新门牌", "Its replacement"),
    UNKNOWN_TITLE("未找到此门牌", "Doorplate not found"),
    UNKNOWN_TEXT("二维码无效或门牌未登记。", "The code is not valid or the plate is not registered."),
    THANKS_TITLE("感谢您的反馈", "Thank you for your report"),
    THANKS_TEXT("我们已收到您的报告，维护人员会尽快处理。", "We have received it; a maintenance crew will look at it soon."),
    BACK("返回门牌页面", "Back to the doorplate page"),
    REJECTED_TITLE("无法提交", "The report could not be sent");

    private final String chinese;
    private final String english;

    Label(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String in(Language language) {
        return language == Language.EN ? english : chinese;
    }
}
